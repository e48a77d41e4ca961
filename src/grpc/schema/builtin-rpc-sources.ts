// The embedded google/rpc/*.proto texts by import name: the reviewed source of builtin-rpc-descriptors.ts, which
// test/unit/grpc/schema/builtin-rpc.test.ts generates from them (nothing parses them at run time).
import { GOOGLE_RPC_CODE_PROTO } from './builtin-rpc-code.js';
import { GOOGLE_RPC_ERROR_DETAILS_PROTO } from './builtin-rpc-error-details.js';
import { GOOGLE_RPC_STATUS_PROTO } from './builtin-rpc-status.js';

export const RPC_SOURCES: ReadonlyMap<string, string> = new Map([
  ['google/rpc/status.proto', GOOGLE_RPC_STATUS_PROTO],
  ['google/rpc/error_details.proto', GOOGLE_RPC_ERROR_DETAILS_PROTO],
  ['google/rpc/code.proto', GOOGLE_RPC_CODE_PROTO],
]);
