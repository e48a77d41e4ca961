// --limit-rate: the body's sink, slowed so that the bytes written stay at or below the rate on average.
// Holding back the write callback is what slows the transfer: backpressure stops the socket reads.
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { now } from '../trace/index.js';
import type { BodyOutput } from './body-output.js';

export interface RateLimitedOutput extends BodyOutput {
  /** Waits until the last bytes written are due (the rate holds for the last chunk too), or `signal` aborts. */
  settle(signal: AbortSignal): Promise<void>;
}

/** `signal` (--max-time) ends a wait early, failing the write with its reason. */
export function rateLimited(output: BodyOutput, bytesPerSecond: number, signal: AbortSignal): RateLimitedOutput {
  let stream: Writable | null = null;
  const started = now();
  let written = 0;
  const delayFor = (n: number): number => {
    written += n;
    return remaining();
  };
  const remaining = (): number => Math.max(0, (written / bytesPerSecond) * 1000 - Number(now() - started) / 1e6);
  const wrap = (): Writable => {
    if (stream) return stream;
    const inner = output.stream();
    stream = new Writable({
      write(chunk: Uint8Array, _enc, cb) {
        const wait = delayFor(chunk.length);
        inner.write(chunk, (err) => {
          if (err) return cb(err);
          if (wait <= 0) return cb();
          sleep(wait, undefined, { signal }).then(() => cb(), () => cb(signal.reason as Error));
        });
      },
      final(cb) {
        cb();
      },
    });
    // A wait cut short by --max-time fails the write after the body's pump may have stopped listening;
    // settle() and the transfer's signal report it.
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
    async settle(signal) {
      const wait = remaining();
      if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => Promise.reject(signal.reason as Error));
    },
  };
}
