// Durations on the command line: a number of seconds as curl takes them, or with a unit (500ms, 10s, 2m, 1h).
import { QurlError } from '../errors/index.js';

/** The longest wait a Node timer keeps (2^31-1 ms, about 24.8 days); a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `text` in milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new QurlError('bad-option', `${flag} "${text}" is not a duration (seconds, or 500ms, 10s, 2m, 1h)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Math.round(Number(m[1]) * unit);
  if (ms > MAX_TIMER_MS) throw new QurlError('bad-option', `${flag} "${text}" is longer than ${MAX_TIMER_MS} ms (about 24 days)`);
  return ms;
}
