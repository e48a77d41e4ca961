// Where a transfer's body (and -i heads) go: stdout or an -o/-O file, opened when the first byte is due.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { QurlError, errorCode } from '../errors/index.js';
import { createFileSink, type FileSink } from './file-sink.js';
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
  /**
   * For a file: a writer that has taken (or failed on, with a write QurlError) every byte when it returns, so a
   * body needs no stream between; opens the file. Absent or null where writes must wait (stdout, --limit-rate).
   */
  direct?(): ((bytes: Uint8Array) => void) | null;
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
function openFile(full: string, options: BodyOutputOptions, exclusive: boolean): { sink: FileSink; path: string } {
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
  return new FileOrStdout(path === undefined || path === '-' ? null : options.dir ? join(options.dir, path) : path, stdout, options);
}

/** A class, not closures: -Z makes one per transfer, and its methods then cost nothing to make. */
class FileOrStdout implements BodyOutput {
  private file: FileSink | null = null;
  private exclusive = false;
  private writer: ((bytes: Uint8Array) => void) | null = null;

  constructor(
    private full: string | null,
    private readonly stdout: Writable,
    private readonly options: BodyOutputOptions,
  ) {}

  get path(): string | null {
    return this.full;
  }

  opened(): boolean {
    return this.file !== null;
  }

  rename(name: string): void {
    if (this.file || !this.full) return;
    this.full = this.options.dir ? join(this.options.dir, name) : join(dirname(this.full), name);
    this.exclusive = true;
  }

  stream(): Writable {
    try {
      return this.full ? this.openFileOnce().stream() : this.stdout;
    } catch (err) {
      throw toWriteError(err, this.where());
    }
  }

  direct(): ((bytes: Uint8Array) => void) | null {
    if (!this.full) return null;
    let file: FileSink;
    try {
      file = this.openFileOnce();
    } catch (err) {
      throw toWriteError(err, this.where());
    }
    return (this.writer ??= (bytes) => {
      try {
        file.write(bytes);
      } catch (err) {
        throw toWriteError(err, this.where());
      }
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    const toFile = this.direct();
    if (toFile) return toFile(bytes);
    try {
      await writeAll(this.stdout, bytes);
    } catch (err) {
      throw toWriteError(err, this.where());
    }
  }

  async close(): Promise<void> {
    try {
      await this.file?.close();
    } catch (err) {
      throw toWriteError(err, this.where());
    }
  }

  private where(): string {
    return this.full ?? 'stdout';
  }

  private openFileOnce(): FileSink {
    if (!this.file) {
      const opened = openFile(this.full!, this.options, this.exclusive);
      this.file = opened.sink;
      this.full = opened.path;
    }
    return this.file;
  }
}
