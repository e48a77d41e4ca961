export { findHeadEnd, parseHttp1Head } from './http1-head.js';
export type { Http1Head } from './http1-head.js';
export type { HeadProblem, HeadProblemKind } from './http1-head-check.js';
export { multipartPartHead, multipartClose, guessContentType } from './multipart.js';
export type { MultipartPartHead } from './multipart.js';
export { urlEncode } from './url-encode.js';
export { huffmanDecode, huffmanEncode, HuffmanDecodeError } from './huffman.js';
export { createHpackDecoder, HpackDecodeError } from './hpack-decoder.js';
export type { HpackBlock, HpackDecoder, HpackField, HpackRepresentation } from './hpack-decoder.js';
export { HPACK_STATIC_TABLE } from './hpack-static-table.js';
export { createFrameSplitter, encodeFrame, parseFramePayload, CLIENT_PREFACE } from './http2-frame.js';
export type { FramePayload, FrameSplitter, Priority, RawFrame } from './http2-frame.js';
export { FRAME_TYPE, FLAG, SETTINGS_NAMES, errorCodeName, flagNames, frameTypeName } from './http2-frame-names.js';
export {
  SOCKS4_REPLIES, SOCKS5_NO_ACCEPTABLE, SOCKS5_NO_AUTH, SOCKS5_REPLIES, SOCKS5_USER_PASS, SocksEncodeError,
  socks4Connect, socks5Connect, socks5Greeting, socks5ReplyRest, socks5UserPass,
} from './socks.js';
export type { SocksAddress } from './socks.js';
export { createSseParser } from './sse-parser.js';
export type { SseEvent, SseItem, SseParser } from './sse-parser.js';
export { encodeVarint, readVarint } from './quic-varint.js';
export {
  HTTP3_FRAME, HTTP3_SETTING, HTTP3_STREAM_TYPE, Http3FrameError,
  createHttp3FrameReader, encodeHttp3Frame, encodeSettings, parseGoaway, parseSettings,
} from './http3-frame.js';
export type { Http3FrameItem, Http3FrameReader } from './http3-frame.js';
export { http3ErrorName, http3FrameTypeName, http3SettingName, http3StreamTypeName } from './http3-names.js';
export { QPACK_STATIC_TABLE } from './qpack-static-table.js';
export { encodeFieldSection } from './qpack-encoder.js';
export { createQpackDecoder } from './qpack-decoder.js';
export type {
  QpackDecoder, QpackDecoderOptions, QpackEncoderInstruction, QpackField, QpackFieldSection, QpackRepresentation,
} from './qpack-decoder.js';
export { QpackBlockedError, QpackDecodeError } from './qpack-decode-error.js';
export { formatAltSvcFile, parseAltSvcFile, parseAltSvcHeader } from './alt-svc.js';
export type { AltSvcAlternative, AltSvcEntry, AltSvcHeader } from './alt-svc.js';
export { GrpcFrameError, createGrpcMessageReader, encodeGrpcMessage } from './grpc-message.js';
export type { GrpcMessage, GrpcMessageReader } from './grpc-message.js';
export { SizeDelimitedError, createSizeDelimitedReader, encodeSizeDelimited } from './size-delimited.js';
export type { SizeDelimitedReader } from './size-delimited.js';
export { ProtobufWireError, readWireFields, wireBytesField, wireVarintField } from './protobuf-wire.js';
export type { WireField } from './protobuf-wire.js';
export { createHttp1ResponseParser, findLenientHeadEnd, Http1ParseError, MAX_HEAD_BYTES } from './http1-response-parser.js';
export type { Http1ExchangeOptions, Http1Framing, Http1ParseEvent, Http1ProblemKind, Http1ResponseHead, Http1ResponseParser } from './http1-response-parser.js';
export { encodeRequestHead } from './http1-request-head.js';
export { concatBytes } from './concat-bytes.js';
export { formatHstsFile, parseHstsFile, parseStsHeader } from './hsts.js';
export type { HstsEntry } from './hsts.js';
export { addressesFor, decodeDnsAnswer, decodeDnsQuestion, encodeDnsAnswer, encodeDnsQuery, DnsMessageError, DNS_TYPE } from './dns-message.js';
export type { DnsAnswer, DnsRecord } from './dns-message.js';
