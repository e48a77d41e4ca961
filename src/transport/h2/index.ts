export { createHttp2Connection } from './http2-connection.js';
