// The embedded google/rpc/*.proto texts by import name; parsed by builtin-rpc-files.ts and, when a user's file
// imports one that no import path has, by proto-tree.ts.
import { GOOGLE_RPC_CODE_PROTO } from './builtin-rpc-code.js';
import { GOOGLE_RPC_ERROR_DETAILS_PROTO } from './builtin-rpc-error-details.js';
import { GOOGLE_RPC_STATUS_PROTO } from './builtin-rpc-status.js';

export const RPC_SOURCES: ReadonlyMap<string, string> = new Map([
  ['google/rpc/status.proto', GOOGLE_RPC_STATUS_PROTO],
  ['google/rpc/error_details.proto', GOOGLE_RPC_ERROR_DETAILS_PROTO],
  ['google/rpc/code.proto', GOOGLE_RPC_CODE_PROTO],
]);
