// --limit-rate: the body's sink, slowed so that the bytes written stay at or below the rate on average.
// A chunk waits until the bytes before it are due, which holds back the reads behind it (backpressure), as
// curl pauses before its next read: a body that arrives in one read is not slowed at all, as in curl.
import { Writable } from 'node:stream';
import { now } from '../trace/index.js';
import type { BodyOutput } from './body-output.js';

/** `signal` (--max-time) ends a wait early, failing the write with its reason. */
export function rateLimited(output: BodyOutput, bytesPerSecond: number, signal: AbortSignal): BodyOutput {
  let stream: Writable | null = null;
  const started = now();
  let written = 0;
  /** How long until the bytes written so far are due at the rate; counts `n` more for the next call. */
  const waitBefore = (n: number): number => {
    const wait = (written / bytesPerSecond) * 1000 - Number(now() - started) / 1e6;
    written += n;
    return wait;
  };
  const wrap = (): Writable => {
    if (stream) return stream;
    const inner = output.stream();
    stream = new Writable({
      write(chunk: Uint8Array, _enc, cb) {
        if (chunk.length === 0) return cb();
        const wait = waitBefore(chunk.length);
        if (wait <= 0) return void inner.write(chunk, cb);
        if (signal.aborted) return cb(signal.reason as Error);
        const onAbort = (): void => {
          clearTimeout(timer);
          cb(signal.reason as Error);
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          inner.write(chunk, cb);
        }, wait);
        signal.addEventListener('abort', onAbort, { once: true });
      },
    });
    // A wait cut short by --max-time fails the write after the body's pump may have stopped listening;
    // the transfer's signal reports it.
    stream.on('error', () => {});
    return stream;
  };
  return {
    get path() {
      return output.path;
    },
    opened: () => output.opened(),
    rename: output.rename,
    stream: wrap,
    write: output.write,
    close: output.close,
  };
}
