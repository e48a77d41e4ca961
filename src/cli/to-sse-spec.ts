// toSseSpec: the `qurl sse` options → SseSpec, validated; and the check that they are not used elsewhere.
import { QurlError } from '../errors/index.js';
import type { SseFormat, SseSpec } from '../sse/index.js';
import { OPTIONS, type OptionDef } from './option-table.js';
import type { ParsedArgv } from './parse-argv.js';

const FORMATS: readonly SseFormat[] = ['pretty', 'raw', 'json', 'data'];

const camel = (long: string): string => long.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

export function sseOptionsUsed(parsed: ParsedArgv): string[] {
  return (OPTIONS as readonly OptionDef[]).filter((o) => o.group === 'sse' && parsed.values[camel(o.long)] !== undefined).map((o) => `--${o.long}`);
}

export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new QurlError('bad-option', `--for "${text}" is not a duration (500ms, 10s, 2m, 1h)`);
  const n = Number(m[1]);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(n * unit);
}

function wholeNumber(v: unknown, flag: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new QurlError('bad-option', `${flag} needs a whole number of at least ${min}`);
  return v;
}

export function toSseSpec(parsed: ParsedArgv, stdoutIsTty: boolean): SseSpec {
  const v = parsed.values;
  const format = (typeof v.format === 'string' ? v.format : stdoutIsTty ? 'pretty' : 'raw') as SseFormat;
  if (!FORMATS.includes(format)) throw new QurlError('bad-option', `--format "${String(v.format)}" is not one of ${FORMATS.join(', ')}`);
  const idle = v.idleTimeout;
  if (idle !== undefined && (typeof idle !== 'number' || idle <= 0)) throw new QurlError('bad-option', '--idle-timeout needs a positive number of seconds');
  return {
    format,
    events: Array.isArray(v.event) ? (v.event as string[]) : [],
    count: wholeNumber(v.count, '--count', 1),
    forMs: typeof v.for === 'string' ? parseDuration(v.for) : undefined,
    retryDelayMs: wholeNumber(v.retryDelay, '--retry-delay', 0),
    maxBackoffMs: wholeNumber(v.maxBackoff, '--max-backoff', 0) ?? 30_000,
    maxReconnects: wholeNumber(v.maxReconnects, '--max-reconnects', 0),
    lastEventId: typeof v.lastEventId === 'string' ? v.lastEventId : undefined,
    idleTimeoutMs: typeof idle === 'number' ? idle * 1000 : undefined,
  };
}
