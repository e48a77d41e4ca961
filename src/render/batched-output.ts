// Output that gathers small writes and hands them to the stream once per event-loop turn (or every 64 KiB):
// a fast gRPC stream prints thousands of messages a second, and one write per message would cost more than
// the messages. An interactive session still sees each reply at once. drained() is the stream's backpressure.
import type { Writable } from 'node:stream';

const FLUSH_AT = 64 * 1024;

export interface BatchedOutput {
  write(data: string | Uint8Array): void;
  /** Writes what is gathered now. */
  flush(): void;
  /** Resolves when the stream has taken what it was given; undefined when it is not behind. */
  drained(): Promise<void> | undefined;
}

export function createBatchedOutput(out: Writable): BatchedOutput {
  let parts: (string | Uint8Array)[] = [];
  let size = 0;
  let scheduled = false;
  let behind: Promise<void> | undefined;
  const flush = (): void => {
    scheduled = false;
    if (parts.length === 0) return;
    const data = parts.every((p) => typeof p === 'string') ? parts.join('') : Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    parts = [];
    size = 0;
    if (!out.write(data) && !behind) behind = new Promise<void>((resolve) => out.once('drain', () => ((behind = undefined), resolve())));
  };
  return {
    write(data) {
      parts.push(data);
      size += data.length;
      if (size >= FLUSH_AT) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
    drained: () => behind,
  };
}
