// Opens the streams cli writes to besides stdout: --trace files ('-' stdout, '%' stderr).
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

export function openTraceOutput(target: string): Writable {
  if (target === '-') return process.stdout;
  if (target === '%') return process.stderr;
  return createWriteStream(target);
}

export function isStreamTty(stream: Writable): boolean {
  return (stream as Writable & { isTTY?: boolean }).isTTY === true;
}

/** Resolves once everything written so far has been handed to the OS. */
export function flushed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableEnded || stream.destroyed) return resolve();
    stream.write('', () => resolve());
  });
}
