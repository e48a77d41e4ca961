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

export async function writeBody(res: ResponseStream, decode: boolean, output: BodyOutput, count: (n: number) => void): Promise<void> {
  const decoders = decode && res.head.status !== 204 ? await contentDecoders(headerValue(res.head.headers, 'content-encoding')) : [];
  res.body.on('data', (chunk: Buffer) => count(chunk.length));
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
}
