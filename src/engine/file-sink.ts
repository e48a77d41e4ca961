// An -o file written as curl writes it: opened on first use and written with blocking calls. Node's fs streams
// send every open, write and close to the libuv thread pool; the pool's first use starts its threads (several
// ms inside a transfer's clock) and each hop costs more than the write itself, for /dev/null and disks alike.
import { closeSync, constants, openSync, writeSync, writevSync } from 'node:fs';
import { Writable } from 'node:stream';
import { writingSynchronously } from './sync-sinks.js';

const MODE_FLAGS = { truncate: constants.O_TRUNC, append: constants.O_APPEND, exclusive: constants.O_EXCL } as const;

export interface FileSink {
  /** Writes every byte of `chunk` before it returns; throws what the write threw. */
  write(chunk: Uint8Array): void;
  /** The file as a Writable (decoders' pipelines, --limit-rate), made on first use; writes through it stay in order with write()'s. */
  stream(): Writable;
  /** Closes the file (ending its stream first, when there is one). */
  close(): Promise<void>;
}

/** `mode`: truncate the file (-o), append to it (-C), or create it only if it does not exist (--no-clobber, -J). */
export function createFileSink(path: string, mode: keyof typeof MODE_FLAGS = 'truncate'): FileSink {
  // Flags as numbers: Node parses a string's on every open, which -Z over a thousand -o files notices.
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | MODE_FLAGS[mode], 0o666);
  let closed = false;
  const closeFd = (): void => {
    if (closed) return;
    closed = true;
    closeSync(fd);
  };
  const writeAllSync = (chunks: readonly Uint8Array[]): void => {
    let pending = chunks.filter((c) => c.length > 0);
    while (pending.length > 0) {
      let n = pending.length === 1 ? writeSync(fd, pending[0]!) : writevSync(fd, pending as Uint8Array[]);
      // A short write (a full disk's last bytes, a signal): go on from where it stopped.
      while (n > 0 && pending.length > 0 && n >= pending[0]!.length) n -= pending.shift()!.length;
      if (n > 0) pending = [pending[0]!.subarray(n), ...pending.slice(1)];
    }
  };
  // A transfer that writes its body straight through write() never builds this stream (-Z over a thousand
  // files notices one per file).
  let stream: Writable | null = null;
  const makeStream = (): Writable =>
    writingSynchronously(new Writable({
      highWaterMark: 256 * 1024,
      write(chunk: Uint8Array, _enc, cb) {
        try {
          writeAllSync([chunk]);
          cb();
        } catch (err) {
          cb(err as Error);
        }
      },
      writev(chunks, cb) {
        try {
          writeAllSync(chunks.map((c) => c.chunk as Uint8Array));
          cb();
        } catch (err) {
          cb(err as Error);
        }
      },
      destroy(err, cb) {
        try {
          closeFd();
        } catch (closeErr) {
          return cb(err ?? (closeErr as Error));
        }
        cb(err);
      },
    }));
  return {
    write: (chunk) => writeAllSync([chunk]),
    stream: () => (stream ??= makeStream()),
    async close() {
      const s = stream;
      if (!s) return closeFd();
      return new Promise((resolve, reject) => {
        if (s.errored) return reject(s.errored);
        s.once('error', reject);
        s.end((err?: Error | null) => (err ? reject(s.errored ?? err) : resolve()));
      });
    },
  };
}
