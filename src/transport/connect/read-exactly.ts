// Handshake reads for proxy steps: take bytes from a stream until a message is complete, bounded by the
// signal; bytes past the message are put back for the step above.
import type { Duplex } from 'node:stream';
import { abortable } from './abortable.js';

/** `complete(buffered)` returns the message length once it is all there, -1 while more is needed. */
export function readUntil(stream: Duplex, complete: (buffered: Buffer) => number, signal: AbortSignal, onClose: () => Error): Promise<Buffer> {
  const read = new Promise<Buffer>((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const cleanup = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onEnd);
    };
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      let n: number;
      try {
        n = complete(buf);
      } catch (err) {
        cleanup();
        return reject(err);
      }
      if (n < 0) return;
      cleanup();
      stream.pause();
      if (buf.length > n) stream.unshift(buf.subarray(n));
      resolve(buf.subarray(0, n));
    };
    const onEnd = (): void => {
      cleanup();
      reject(onClose());
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onEnd);
    stream.resume();
  });
  return abortable(read, signal);
}

export function readExactly(stream: Duplex, n: number, signal: AbortSignal, onClose: () => Error): Promise<Buffer> {
  return readUntil(stream, (buf) => (buf.length >= n ? n : -1), signal, onClose);
}
