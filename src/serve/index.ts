export { startServe } from './start-serve.js';
export type { H2Switches, ServeOptions, RunningServe } from './start-serve.js';
export { runServeCommand } from './serve-command.js';
export { startPingDroppingProxy } from './ping-dropping-proxy.js';
export type { PingDroppingProxy } from './ping-dropping-proxy.js';
export { generateCertificates } from './certificates.js';
export type { ServerCertificates } from './certificates.js';
export { startH3Server, startQuicServer } from './h3-server.js';
export type { H3Server } from './h3-server.js';
