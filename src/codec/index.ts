export { findHeadEnd, parseHttp1Head, parseStatusLine } from './http1-head.js';
export type { Http1Head, StatusLine } from './http1-head.js';
export { multipartPartHead, multipartClose, guessContentType } from './multipart.js';
export type { MultipartPartHead } from './multipart.js';
export { urlEncode } from './url-encode.js';
