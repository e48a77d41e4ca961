// How long runSse waits before the next SSE connection: the retry delay, doubled per consecutive failure up to a
// cap, with jitter so many clients do not come back at once; and the range a server's retry: is held to.

/** A server's retry: is kept within 1 s … 1 h: `retry: 0` cannot make qurl hammer it, nor a huge value stall qurl
 * (or overflow a timer: Node runs a delay above 2^31-1 ms after 1 ms). --retry-delay is the user's own and is not clamped. */
export const SERVER_RETRY_MIN_MS = 1000;
export const SERVER_RETRY_MAX_MS = 3_600_000;

export function clampServerRetry(ms: number): number {
  return Math.min(SERVER_RETRY_MAX_MS, Math.max(SERVER_RETRY_MIN_MS, ms));
}

/**
 * The first failure waits `baseMs`; each further one doubles it (from at least 1 ms, so a zero delay still backs
 * off) up to `maxBackoffMs` (or `baseMs` when that is larger), less up to 20% jitter.
 */
export function reconnectDelay(baseMs: number, failures: number, maxBackoffMs: number, random: () => number = Math.random): number {
  if (failures <= 1) return baseMs;
  const cap = Math.max(maxBackoffMs, baseMs);
  const grown = Math.min(cap, Math.max(baseMs, 1) * 2 ** (failures - 1));
  return Math.round(grown * (0.8 + 0.2 * random()));
}
