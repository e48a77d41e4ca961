// Reads local input for request bodies (@file, @- for stdin) with curl's exit code 26 on failure.
import { readFileSync, statSync } from 'node:fs';
import { QurlError } from '../errors/index.js';

let stdinCache: Buffer | undefined;

export function readLocal(path: string): Buffer {
  if (path === '-') {
    stdinCache ??= readFileSync(0);
    return stdinCache;
  }
  try {
    return readFileSync(path);
  } catch (err) {
    throw new QurlError('read-file', `Failed to open/read local data from file "${path}": ${(err as Error).message}`, { cause: err });
  }
}

export function localFileSize(path: string): number {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a regular file');
    return st.size;
  } catch (err) {
    throw new QurlError('read-file', `Failed to open/read local data from file "${path}": ${(err as Error).message}`, { cause: err });
  }
}
