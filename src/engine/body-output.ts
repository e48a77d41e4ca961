// Where a transfer's body (and -i heads) go: stdout or an -o/-O file, opened when the first byte is due.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { QurlError, errorCode } from '../errors/index.js';
import { createFileSink } from './file-sink.js';
import { writingSynchronously } from './sync-sinks.js';

export interface BodyOutput {
  /** The file written to (after --output-dir), or null for stdout. */
  readonly path: string | null;
  /** Whether the file was opened (and so created or truncated, or appended to). */
  opened(): boolean;
  /** -J: write to `name` (beside the file it would have been) instead, never over an existing file; only before it opened. */
  rename?(name: string): void;
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
    path: null,
    opened: () => false,
    stream: () => stream,
    write: (bytes) => writeAll(stream, bytes),
    close: () => Promise.resolve(),
  };
}

export interface BodyOutputOptions {
  readonly dir?: string;
  readonly createDirs: boolean;
  /** -C: resume into the file's end instead of truncating it. */
  readonly append?: boolean;
  /** --no-clobber: an existing file stays; FILE.1 … FILE.100 are tried instead. */
  readonly noClobber?: boolean;
}

const CLOBBER_TRIES = 100;

/** Opens `full` as options say: appended to, never over an existing file (then FILE.N), or truncated. */
function openFile(full: string, options: BodyOutputOptions, exclusive: boolean): { sink: Writable; path: string } {
  if (options.createDirs) mkdirSync(dirname(full), { recursive: true });
  if (options.append) return { sink: createFileSink(full, 'append'), path: full };
  if (!exclusive && !options.noClobber) return { sink: createFileSink(full, 'truncate'), path: full };
  const tries = options.noClobber ? CLOBBER_TRIES : 0;
  for (let n = 0; ; n++) {
    const path = n === 0 ? full : `${full}.${n}`;
    try {
      return { sink: createFileSink(path, 'exclusive'), path };
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw err;
      if (n >= tries) throw new QurlError('write', n === 0 ? `Refusing to overwrite ${full}: File exists` : `Failed to open the file ${full}: File exists (and ${full}.1 … ${full}.${tries} too)`, { cause: err });
    }
  }
}

export function createBodyOutput(path: string | undefined, stdout: Writable, options: BodyOutputOptions): BodyOutput {
  let full = path === undefined || path === '-' ? null : options.dir ? join(options.dir, path) : path;
  let file: Writable | null = null;
  let exclusive = false;
  let where = full ?? 'stdout';
  const open = (): Writable => {
    if (!full) return stdout;
    if (!file) {
      const opened = openFile(full, options, exclusive);
      file = opened.sink;
      full = opened.path;
      where = full;
    }
    return file;
  };
  return {
    get path() {
      return full;
    },
    opened: () => file !== null,
    rename(name) {
      if (file || !full) return;
      full = options.dir ? join(options.dir, name) : join(dirname(full), name);
      where = full;
      exclusive = true;
    },
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
