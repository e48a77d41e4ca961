// How long to wait before the next SSE connection: the retry delay, doubled per consecutive failure up to a cap,
// with jitter so many clients do not come back at once.
export function reconnectDelay(baseMs: number, failures: number, maxBackoffMs: number, random: () => number = Math.random): number {
  if (failures <= 1) return baseMs;
  const grown = Math.min(maxBackoffMs, baseMs * 2 ** (failures - 1));
  return Math.round(grown * (0.8 + 0.2 * random()));
}
