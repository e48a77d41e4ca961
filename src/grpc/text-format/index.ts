// The protobuf text format for `qurl grpc -format text`, as grpcurl prints and reads it: printTextFormat for
// responses, parseTextFormat for requests, splitTextMessages for a request stream split on TEXT_SEPARATOR.
export { printTextFormat } from './print-text-format.js';
export { parseTextFormat } from './parse-text-format.js';
export { splitTextMessages, TEXT_SEPARATOR } from './text-separator.js';
export type { TextMessageSplitter } from './text-separator.js';
