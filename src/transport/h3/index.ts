export { createHttp3Connection } from './http3-connection.js';
export { H3_ERROR } from './h3-error-codes.js';
export { typedStream } from './typed-stream.js';
