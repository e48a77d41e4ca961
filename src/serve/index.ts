export { startServe } from './start-serve.js';
export type { H2Switches, ServeOptions, RunningServe } from './start-serve.js';
export { runServeCommand } from './serve-command.js';
export { generateCertificates } from './certificates.js';
export type { ServerCertificates } from './certificates.js';
