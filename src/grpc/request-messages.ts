// The request messages of a call, read from -d as they arrive (a string, '@' for stdin, '@FILE'), encoded and
// framed one by one, so a client stream sends each message when it is read and bidi interleaves for real.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { fromJson, toBinary, type DescMessage, type Registry } from '@bufbuild/protobuf';
import { SizeDelimitedError, createSizeDelimitedReader, encodeGrpcMessage } from '../codec/index.js';
import { QurlError } from '../errors/index.js';
import type { GrpcFormat } from './grpc-spec.js';
import { createJsonValueSplitter } from './json-values.js';
import { parseTextFormat, splitTextMessages } from './text-format/index.js';

export interface RequestMessageOptions {
  readonly data: string | undefined;
  readonly format: GrpcFormat;
  readonly input: DescMessage;
  readonly registry: Registry;
  readonly allowUnknownFields: boolean;
  readonly compress: boolean;
  /** Unary and server streaming: exactly one message (an empty one when -d gives none). */
  readonly single: boolean;
  readonly method: string;
  /** Told of each message as it goes out: its bytes and framed size. */
  readonly onMessage: (bytes: Uint8Array, wireSize: number) => void;
}

/** The largest request message read from binary input (gRPC's own limit on a message is 4 GiB). */
const MAX_REQUEST_MESSAGE = 2 ** 31;

async function* chunksOf(data: string | undefined): AsyncGenerator<string | Buffer> {
  if (data === undefined) return;
  if (data === '@') yield* process.stdin as AsyncIterable<Buffer>;
  else if (data.startsWith('@')) yield* createReadStream(data.slice(1)) as AsyncIterable<Buffer>;
  else yield data;
}

async function* jsonMessages(data: string | undefined): AsyncGenerator<unknown> {
  const splitter = createJsonValueSplitter();
  const decoder = new TextDecoder();
  for await (const chunk of chunksOf(data)) yield* splitter.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  yield* splitter.push(decoder.decode());
  yield* splitter.end();
}

const bytesOf = (chunk: string | Buffer): Buffer => (typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);

/** Unary and server streaming: the whole input is the one message. */
async function* singleBinary(data: string | undefined): AsyncGenerator<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const chunk of chunksOf(data)) parts.push(bytesOf(chunk));
  yield Buffer.concat(parts);
}

/** Client and bidi streaming: size-delimited messages (protobuf's writeDelimitedTo), each sent as it completes. */
async function* delimitedBinary(data: string | undefined): AsyncGenerator<Uint8Array> {
  const reader = createSizeDelimitedReader(MAX_REQUEST_MESSAGE);
  try {
    for await (const chunk of chunksOf(data)) yield* reader.push(bytesOf(chunk));
    reader.end();
  } catch (err) {
    if (err instanceof SizeDelimitedError) throw new QurlError('grpc-schema', `the binary request data is not size-delimited messages: ${err.message}`, { cause: err });
    throw err;
  }
}

function encodeJson(json: unknown, o: RequestMessageOptions, n: number): Uint8Array {
  try {
    return toBinary(o.input, fromJson(o.input, json as never, { ignoreUnknownFields: o.allowUnknownFields, registry: o.registry }));
  } catch (err) {
    throw new QurlError('grpc-schema', `request message ${n} does not fit ${o.input.typeName}: ${err instanceof Error ? err.message : String(err)}${o.allowUnknownFields ? '' : ' (-allow-unknown-fields accepts fields it lacks)'}`, { cause: err });
  }
}

function frame(bytes: Uint8Array, o: RequestMessageOptions): Buffer {
  return Buffer.from(o.compress ? encodeGrpcMessage(gzipSync(bytes), true) : encodeGrpcMessage(bytes));
}

/** grpcurl's -format text: messages separated by 0x1E; empty input is one empty message. */
async function* textMessages(data: string | undefined): AsyncGenerator<string> {
  const splitter = splitTextMessages();
  const decoder = new TextDecoder();
  for await (const chunk of chunksOf(data)) yield* splitter.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  yield* splitter.push(decoder.decode());
  yield* splitter.end();
}

/** Each request message's bytes, in the input format, as it is read. */
async function* encodedMessages(o: RequestMessageOptions): AsyncGenerator<Uint8Array> {
  if (o.format === 'binary') {
    yield* o.single ? singleBinary(o.data) : delimitedBinary(o.data);
    return;
  }
  if (o.format === 'text') {
    for await (const text of textMessages(o.data)) yield toBinary(o.input, parseTextFormat(o.input, text, o.registry));
    return;
  }
  let n = 0;
  for await (const json of jsonMessages(o.data)) yield encodeJson(json, o, ++n);
  // Unary and server streaming send one message, an empty one when -d gives none.
  if (o.single && n === 0) yield encodeJson({}, o, 1);
}

async function* framedMessages(o: RequestMessageOptions): AsyncGenerator<Buffer> {
  let n = 0;
  for await (const bytes of encodedMessages(o)) {
    if (o.single && ++n > 1) throw new QurlError('grpc-schema', `method ${o.method} takes one request, but the request data holds more than one message`);
    const framed = frame(bytes, o);
    o.onMessage(bytes, framed.length);
    yield framed;
  }
}

/** The request body of the call: framed messages, produced as they are read (backpressured by the pump). */
export function requestMessages(o: RequestMessageOptions): Readable {
  return Readable.from(framedMessages(o), { objectMode: false });
}
