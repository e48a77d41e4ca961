// -C: where a transfer resumes, and whether the server's answer can be appended to what is already there.
import { statSync } from 'node:fs';
import { QurlError } from '../errors/index.js';
import { headerValue } from '../trace/index.js';
import type { ResponseHead } from '../transport/index.js';
import type { RequestSpec } from './request-spec.js';

/** The offset to resume at: -C N, or with -C - the output file's size (0 when there is none, or for stdout). */
export function resumeOffsetFor(resume: number | 'auto' | undefined, outputPath: string | null): number {
  if (resume === undefined) return 0;
  if (resume !== 'auto') return resume;
  if (outputPath === null) return 0;
  try {
    return statSync(outputPath).size;
  } catch {
    return 0;
  }
}

export type ResumedBody = 'append' | 'skip';

/**
 * What to do with the answer to a request resumed at `offset`, as curl decides: a 206 from that offset is
 * appended; a 416, or a whole body no longer than what is there, means the file is complete; anything else
 * cannot be resumed (exit 33).
 */
export function resumedBody(head: ResponseHead, offset: number, announced: number | null): ResumedBody {
  if (head.status === 416) return 'skip';
  if (head.status >= 300) return 'append';
  const range = headerValue(head.headers, 'content-range');
  if (head.status === 206 && range !== undefined) {
    const start = /^\s*bytes\s+(\d+)-/i.exec(range)?.[1];
    if (start !== undefined && Number(start) === offset) return 'append';
    throw new QurlError('range-error', `Content-Range "${range}" does not start at the requested offset ${offset}. Cannot resume.`);
  }
  if (announced === offset) return 'skip';
  throw new QurlError('range-error', "HTTP server doesn't seem to support byte ranges. Cannot resume.");
}

/** -C: the Range that resumes at `offset` replaces any other (-r's, -H's), as in curl. */
export function withResumeRange(headers: RequestSpec['headers'], offset: number): RequestSpec['headers'] {
  if (offset === 0) return headers;
  return [...headers.filter((h) => h.name.toLowerCase() !== 'range'), { name: 'Range', value: `bytes=${offset}-`, mode: 'set' }];
}
