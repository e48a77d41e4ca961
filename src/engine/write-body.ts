// writeBody: streams one response body, decoded when --compressed, into its output with backpressure.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { QurlError, errorCode } from '../errors/index.js';
import { headerValue } from '../trace/index.js';
import type { ResponseStream } from '../transport/index.js';
import { toWriteError, type BodyOutput } from './body-output.js';
import { contentDecoders, toDecodingError } from './content-decoding.js';

/** A sink that never ends or destroys `out` (stdout outlives the transfer) but honours its backpressure. */
function sinkInto(out: Writable): Writable {
  return new Writable({
    highWaterMark: 256 * 1024,
    write(chunk: Buffer, _enc, cb) {
      if (out.write(chunk)) cb();
      else out.once('drain', () => cb());
    },
  });
}

/**
 * The body length the response announced, when it has a body to hold to it (not HEAD, 1xx, 204 or 304):
 * a body that ends short of it is never a success, on any protocol.
 */
export function announcedLength(res: ResponseStream, method: string): number | null {
  const { status, headers } = res.head;
  if (method === 'HEAD' || status < 200 || status === 204 || status === 304) return null;
  const value = headerValue(headers, 'content-length');
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

function shortBodyError(expected: number, received: number): QurlError {
  return received < expected
    ? new QurlError('partial-file', `transfer closed with ${expected - received} bytes remaining to read`)
    : new QurlError('weird-reply', `the server sent ${received - expected} bytes more than its Content-Length of ${expected}`);
}

export async function writeBody(res: ResponseStream, decode: boolean, output: BodyOutput, expected: number | null, count: (n: number) => void): Promise<void> {
  const decoders = decode && res.head.status !== 204 ? await contentDecoders(headerValue(res.head.headers, 'content-encoding')) : [];
  let received = 0;
  res.body.on('data', (chunk: Buffer) => {
    received += chunk.length;
    count(chunk.length);
  });
  const out = output.stream();
  const sink = sinkInto(out);
  let writeFailed: unknown = null;
  const onOutputError = (err: Error): void => {
    writeFailed = err;
    sink.destroy(err);
  };
  out.on('error', onOutputError);
  try {
    await pipeline([res.body, ...decoders, sink]);
  } catch (err) {
    if (writeFailed) throw toWriteError(writeFailed, 'output');
    if (err instanceof QurlError) throw err;
    const code = errorCode(err) ?? '';
    if (code.startsWith('Z_') || code.includes('BROTLI')) throw toDecodingError(err);
    throw res.bodyError(err);
  } finally {
    out.off('error', onOutputError);
  }
  if (expected !== null && received !== expected) throw shortBodyError(expected, received);
}
