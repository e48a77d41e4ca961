// curl's progress-meter fields: sizes in five characters and times in eight (lib/progress.c).
const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;
const TB = 1024 * GB;

const pad = (n: number, width: number): string => String(Math.floor(n)).padStart(width);

/** A byte count in at most five characters: 12345, 1234k, 12.3M, 1234M, 12.3G, 1234G, 1234T, 1234P. */
export function max5data(bytes: number): string {
  if (bytes < 100_000) return pad(bytes, 5);
  if (bytes < 10_000 * KB) return `${pad(bytes / KB, 4)}k`;
  if (bytes < 100 * MB) return `${pad(bytes / MB, 2)}.${Math.floor((bytes % MB) / (MB / 10))}M`;
  if (bytes < 10_000 * MB) return `${pad(bytes / MB, 4)}M`;
  if (bytes < 100 * GB) return `${pad(bytes / GB, 2)}.${Math.floor((bytes % GB) / (GB / 10))}G`;
  if (bytes < 10_000 * GB) return `${pad(bytes / GB, 4)}G`;
  if (bytes < 10_000 * TB) return `${pad(bytes / TB, 4)}T`;
  return `${pad(bytes / (1024 * TB), 4)}P`;
}

/** Seconds in eight characters: ' 0:00:01', '  4d 02h'; '--:--:--' for none. */
export function time2str(seconds: number): string {
  const s = Math.floor(seconds);
  if (!(s > 0)) return '--:--:--';
  const h = Math.floor(s / 3600);
  if (h <= 99) return `${pad(h, 2)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  const d = Math.floor(s / 86400);
  return d <= 999 ? `${pad(d, 3)}d ${String(Math.floor((s % 86400) / 3600)).padStart(2, '0')}h` : `${pad(d, 7)}d`;
}
