export { startServe } from './start-serve.js';
export type { ServeOptions, RunningServe } from './start-serve.js';
export { runServeCommand } from './serve-command.js';
