export { runTransfers } from './run-transfers.js';
export type { RunEnv } from './run-transfers.js';
export type { TransferResult } from './transfer-result.js';
export { secret } from './request-spec.js';
export type { RequestSpec, UrlJob, HeaderArg, DataPart, FormPart, FailMode, Secret } from './request-spec.js';
export { parseResolveEntry, parseConnectToEntry } from './connect-args.js';
export { parseRequestUrl } from './request-url.js';
export { DEFAULT_USER_AGENT } from './request-headers.js';
