export { createHttp3Connection } from './http3-connection.js';
