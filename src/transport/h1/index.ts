export { createHttp1Connection } from './http1-connection.js';
export type { Http1Options } from './http1-connection.js';
