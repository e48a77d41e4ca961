// Where a transfer's body (and -i heads) go: stdout or an -o/-O file, opened when the first byte is due.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { QurlError } from '../errors/index.js';
import { createFileSink } from './file-sink.js';
import { writingSynchronously } from './sync-sinks.js';

export interface BodyOutput {
  /** The stream to write to; opens the file on first use. */
  stream(): Writable;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export function toWriteError(err: unknown, where: string): QurlError {
  if (err instanceof QurlError) return err;
  return new QurlError('write', `Failure writing output to ${where}: ${(err as Error).message}`, { cause: err });
}

export function writeAll(out: Writable, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    out.once('error', onError);
    const ok = out.write(bytes, (err) => {
      if (err) reject(err);
    });
    const done = (): void => {
      out.off('error', onError);
      resolve();
    };
    if (ok) done();
    else out.once('drain', done);
  });
}

/** Where a body nobody will read goes (a rehearsal's, a load run's). */
export function discardStream(): Writable {
  return writingSynchronously(new Writable({ write: (_chunk, _enc, cb) => cb() }));
}

/** A BodyOutput over a Writable the caller owns (it is never ended here). */
export function outputFor(stream: Writable): BodyOutput {
  return {
    stream: () => stream,
    write: (bytes) => writeAll(stream, bytes),
    close: () => Promise.resolve(),
  };
}

export function createBodyOutput(path: string | undefined, stdout: Writable, options: { dir?: string; createDirs: boolean }): BodyOutput {
  const full = path === undefined || path === '-' ? null : options.dir ? join(options.dir, path) : path;
  let file: Writable | null = null;
  const where = full ?? 'stdout';
  const open = (): Writable => {
    if (!full) return stdout;
    if (!file) {
      if (options.createDirs) mkdirSync(dirname(full), { recursive: true });
      file = createFileSink(full);
    }
    return file;
  };
  return {
    stream() {
      try {
        return open();
      } catch (err) {
        throw toWriteError(err, where);
      }
    },
    async write(bytes) {
      try {
        await writeAll(open(), bytes);
      } catch (err) {
        throw toWriteError(err, where);
      }
    },
    close() {
      const f = file;
      if (!f) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const fail = (err: unknown): void => reject(toWriteError(err, where));
        if (f.errored) return fail(f.errored);
        f.once('error', fail);
        f.end((err?: Error | null) => (err ? fail(f.errored ?? err) : resolve()));
      });
    },
  };
}
