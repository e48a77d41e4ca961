// Reads exactly n bytes from a stream for a handshake, bounded by the signal; extra bytes are put back.
import type { Duplex } from 'node:stream';
import { abortable } from './abortable.js';

export function readExactly(stream: Duplex, n: number, signal: AbortSignal, onClose: () => Error): Promise<Buffer> {
  const read = new Promise<Buffer>((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const cleanup = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onEnd);
    };
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < n) return;
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
