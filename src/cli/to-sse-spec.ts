// toSseSpec: the `qurl sse` options → SseSpec, validated; and the check that they are not used elsewhere.
import { QurlError } from '../errors/index.js';
import type { SseFormat, SseSpec } from '../sse/index.js';
import { OPTIONS, type OptionDef } from './option-table.js';
import type { ParsedArgv } from './parse-argv.js';
import { parseSizeArg } from './size-arg.js';
import { MAX_TIMER_MS, parseDuration } from './duration-arg.js';

const FORMATS: readonly SseFormat[] = ['pretty', 'raw', 'json', 'data'];

/** --max-event-size's default, 4 MiB: far above real events, far below what hurts. */
export const DEFAULT_MAX_EVENT_SIZE = 4 * 1024 * 1024;
/** Above this a joined event, or its JSON, could pass V8's string length limit (2^29 chars). */
const MAX_EVENT_SIZE_LIMIT = 64 * 1024 * 1024;

const camel = (long: string): string => long.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

export function sseOptionsUsed(parsed: ParsedArgv): string[] {
  return (OPTIONS as readonly OptionDef[]).filter((o) => o.group === 'sse' && parsed.values[camel(o.long)] !== undefined).map((o) => `--${o.long}`);
}

function wholeNumber(v: unknown, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new QurlError('bad-option', `${flag} needs a whole number of at least ${min}${max < Number.MAX_SAFE_INTEGER ? ` and at most ${max}` : ''}`);
  }
  return v;
}

/** --max-event-size BYTES (k, M, G suffixes as curl's sizes: powers of 1024), 1 byte to 64 MiB. */
export function parseMaxEventSize(v: unknown): number {
  if (v === undefined) return DEFAULT_MAX_EVENT_SIZE;
  const bytes = parseSizeArg(String(v), '--max-event-size');
  if (bytes < 1 || bytes > MAX_EVENT_SIZE_LIMIT) throw new QurlError('bad-option', `--max-event-size needs a size from 1 byte to 64M (got "${String(v)}")`);
  return bytes;
}

export function toSseSpec(parsed: ParsedArgv, stdoutIsTty: boolean): SseSpec {
  const v = parsed.values;
  const format = (typeof v.format === 'string' ? v.format : stdoutIsTty ? 'pretty' : 'raw') as SseFormat;
  if (!FORMATS.includes(format)) throw new QurlError('bad-option', `--format "${String(v.format)}" is not one of ${FORMATS.join(', ')}`);
  const idle = v.idleTimeout;
  if (idle !== undefined && (typeof idle !== 'number' || idle <= 0 || idle * 1000 > MAX_TIMER_MS)) {
    throw new QurlError('bad-option', `--idle-timeout needs a positive number of seconds, at most ${Math.floor(MAX_TIMER_MS / 1000)}`);
  }
  return {
    format,
    events: Array.isArray(v.event) ? (v.event as string[]) : [],
    count: wholeNumber(v.count, '--count', 1),
    forMs: typeof v.for === 'string' ? parseDuration(v.for, '--for') : undefined,
    retryDelayMs: typeof v.retryDelay === 'string' ? parseDuration(v.retryDelay, '--retry-delay') : undefined,
    maxBackoffMs: wholeNumber(v.maxBackoff, '--max-backoff', 0, MAX_TIMER_MS) ?? 30_000,
    maxReconnects: wholeNumber(v.maxReconnects, '--max-reconnects', 0),
    lastEventId: typeof v.lastEventId === 'string' ? v.lastEventId : undefined,
    idleTimeoutMs: typeof idle === 'number' ? idle * 1000 : undefined,
    maxEventSize: parseMaxEventSize(v.maxEventSize),
  };
}
