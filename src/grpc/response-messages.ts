// The response messages of a call: split from the body as they arrive, decompressed per grpc-encoding (gzip,
// deflate), held to --max-msg-sz after decompression too, and decoded with the method's output type.
import type { Readable } from 'node:stream';
import { gunzipSync, inflateSync } from 'node:zlib';
import { fromBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { GrpcFrameError, createGrpcMessageReader } from '../codec/index.js';
import { GRPC_CODE } from './grpc-status.js';

/** A call that went wrong on the client's side, as the gRPC status it ends with. */
export class CallFailure extends Error {
  override readonly name = 'CallFailure';
  constructor(readonly code: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

function decompress(payload: Uint8Array, encoding: string, maxBytes: number): Uint8Array {
  if (encoding === 'identity' || encoding === '') throw new CallFailure(GRPC_CODE.INTERNAL, 'the server sent a compressed message but no grpc-encoding');
  const options = { maxOutputLength: maxBytes };
  try {
    if (encoding === 'gzip') return gunzipSync(payload, options);
    if (encoding === 'deflate') return inflateSync(payload, options);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new CallFailure(GRPC_CODE.RESOURCE_EXHAUSTED, `a response message decompresses to more than ${maxBytes} bytes (-max-msg-sz)`);
    throw new CallFailure(GRPC_CODE.INTERNAL, `a response message does not decompress (${encoding}): ${(err as Error).message}`, { cause: err });
  }
  throw new CallFailure(GRPC_CODE.UNIMPLEMENTED, `the server compressed a message with ${encoding || 'no grpc-encoding'}, which qurl cannot decode (gzip, deflate)`);
}

export interface ReceivedMessage {
  readonly message: MessageShape<DescMessage>;
  readonly bytes: Uint8Array;
  readonly wireSize: number;
  readonly compressed: boolean;
}

/**
 * Yields the messages each chunk of the body completes (a batch per chunk, so a fast stream does not pay an
 * await per message); a framing, size or decoding failure is a CallFailure with its code.
 */
export async function* responseMessages(body: Readable, output: DescMessage, encoding: string, maxBytes: number, counted: (n: number) => void): AsyncGenerator<ReceivedMessage[]> {
  const reader = createGrpcMessageReader({ maxMessageBytes: maxBytes });
  const decode = (chunk: Uint8Array): ReceivedMessage[] => {
    let framed;
    try {
      framed = reader.push(chunk);
    } catch (err) {
      const tooLarge = err instanceof GrpcFrameError && err.reason === 'too-large';
      throw new CallFailure(tooLarge ? GRPC_CODE.RESOURCE_EXHAUSTED : GRPC_CODE.INTERNAL, `the response does not frame as gRPC: ${(err as Error).message}`, { cause: err });
    }
    const batch: ReceivedMessage[] = [];
    for (const m of framed) {
      const bytes = m.compressed ? decompress(m.payload, encoding, maxBytes) : m.payload;
      let message: MessageShape<DescMessage>;
      try {
        message = fromBinary(output, bytes);
      } catch (err) {
        throw new CallFailure(GRPC_CODE.INTERNAL, `a response message does not decode as ${output.typeName}: ${(err as Error).message}`, { cause: err });
      }
      batch.push({ message, bytes, wireSize: m.payload.length + 5, compressed: m.compressed });
    }
    return batch;
  };
  for await (const chunk of body as AsyncIterable<Buffer>) {
    counted(chunk.length);
    const batch = decode(chunk);
    if (batch.length > 0) yield batch;
  }
  try {
    reader.end();
  } catch (err) {
    throw new CallFailure(GRPC_CODE.INTERNAL, `the response ended inside a message: ${(err as Error).message}`, { cause: err });
  }
}
