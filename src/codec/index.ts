export { findHeadEnd, parseHttp1Head, parseStatusLine } from './http1-head.js';
export type { Http1Head, StatusLine } from './http1-head.js';
export { multipartPartHead, multipartClose, guessContentType } from './multipart.js';
export type { MultipartPartHead } from './multipart.js';
export { urlEncode } from './url-encode.js';
export { huffmanDecode, huffmanEncode, huffmanEncodedLength, HuffmanDecodeError } from './huffman.js';
export { createHpackDecoder, HpackDecodeError } from './hpack-decoder.js';
export type { HpackBlock, HpackDecoder, HpackField, HpackRepresentation } from './hpack-decoder.js';
export { HPACK_STATIC_TABLE } from './hpack-static-table.js';
