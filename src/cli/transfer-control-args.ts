// -r, -C, -z, --etag-compare, --limit-rate and --speed-*: curl's transfer-control options, checked as curl
// checks them and turned into what the engine sends.
import { readFileSync, statSync } from 'node:fs';
import { QurlError } from '../errors/index.js';
import type { HeaderArg, TimeCondition } from '../engine/index.js';
import { parseSizeArg } from './size-arg.js';

/** -r RANGE as a Range header; curl warns (and sends it anyway) when it is not digits, '-' and ','. */
export function rangeHeader(range: string | undefined, warn: (message: string) => void): HeaderArg | undefined {
  if (range === undefined) return undefined;
  if (/[\r\n]/.test(range)) throw new QurlError('bad-option', '-r contains CR or LF');
  if (!/^[\d,-]*$/.test(range)) warn("Invalid character is found in given range. A specified range MUST have only digits in 'start'-'stop'. The server's response to this request is uncertain.");
  return { name: 'Range', value: `bytes=${range}`, mode: 'set' };
}

/** -C OFFSET: a byte count, or '-' for the output file's size. */
export function resumeOffset(v: string | undefined): number | 'auto' | undefined {
  if (v === undefined) return undefined;
  if (v === '-') return 'auto';
  if (!/^\d+$/.test(v.trim())) throw new QurlError('bad-option', `-C needs a byte offset or '-' (got "${v}")`);
  return Number(v.trim());
}

/**
 * A date as curl_getdate(3) reads the common forms: RFC 1123/850, asctime, ISO 8601 and curl's compact
 * `20151021 07:28:00`; without a zone it is GMT. NaN when it is not a date.
 */
export function curlDate(text: string): number {
  const t = text.trim();
  if (!/\d/.test(t)) return Number.NaN;
  const compact = /^(\d{4})(\d{2})(\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*(?:GMT|UTC|Z))?$/i.exec(t);
  if (compact) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0'] = compact;
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  }
  const zoned = /(?:GMT|UTC|Z|[+-]\d{2}:?\d{2}|\b[ECMP][SD]T)\s*$/i.test(t);
  return Date.parse(zoned || /^\d{4}-\d{2}-\d{2}T/.test(t) ? t : `${t} GMT`);
}

/** -z TIME: a date, or else a file whose time is taken; '-' first asks for "not changed since". */
export function timeCondition(v: string | undefined, warn: (message: string) => void): TimeCondition | undefined {
  if (v === undefined) return undefined;
  const unmodified = v.startsWith('-');
  const text = unmodified ? v.slice(1) : v;
  const header = unmodified ? 'If-Unmodified-Since' : 'If-Modified-Since';
  const parsed = curlDate(text);
  if (!Number.isNaN(parsed)) return { header, date: new Date(parsed) };
  try {
    return { header, date: statSync(text).mtime };
  } catch {
    warn('Illegal date format for -z, --time-cond (and not a file name). Disabling time condition. See curl_getdate(3) for valid date syntax.');
    return undefined;
  }
}

export function timeConditionHeader(cond: TimeCondition | undefined): HeaderArg | undefined {
  return cond && { name: cond.header, value: cond.date.toUTCString(), mode: 'set' };
}

/** --etag-compare FILE: If-None-Match with the file's first line (curl exits 26 when it cannot read it). */
export function etagCompareHeader(file: string | undefined): HeaderArg | undefined {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new QurlError('read-file', `Failed to open ${file}: ${(err as Error).message}`, { cause: err });
  }
  const etag = text.split(/\r?\n/)[0]!.trim();
  return { name: 'If-None-Match', value: etag === '' ? '""' : etag, mode: 'set' };
}

/** --limit-rate SPEED in bytes per second (k, M, G suffixes; curl ignores 0). */
export function limitRate(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const bytes = parseSizeArg(v, '--limit-rate');
  return bytes > 0 ? bytes : undefined;
}

/** --speed-limit and --speed-time: either alone takes curl's default for the other (1 byte/s, 30 s). */
export function speedLimit(limit: unknown, time: unknown): { bytesPerSecond: number; seconds: number } | undefined {
  if (limit === undefined && time === undefined) return undefined;
  const bytesPerSecond = limit === undefined ? 1 : Number(limit);
  const seconds = time === undefined ? 30 : Number(time);
  if (!(bytesPerSecond >= 0) || !(seconds >= 0)) throw new QurlError('bad-option', '--speed-limit and --speed-time need numbers of 0 or more');
  return bytesPerSecond > 0 && seconds > 0 ? { bytesPerSecond, seconds } : undefined;
}
