// The lines of curl's progress meter, one transfer's and -Z's summary, from what a transfer has done so far.
import { max5data, time2str } from './curl-units.js';

export const METER_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

export const PARALLEL_HEADER = 'DL% UL%  Dled  Uled  Xfers  Live Total     Current  Left    Speed\n';

export interface Sample {
  readonly downloaded: number;
  readonly uploaded: number;
  readonly downloadSize: number | null;
  readonly uploadSize: number | null;
  /** Seconds since the transfer started. */
  readonly elapsed: number;
  /** Bytes per second over the last few seconds. */
  readonly currentSpeed: number;
}

const percentOf = (now: number, size: number | null): number => (size !== null && size > 0 ? Math.min(100, Math.floor((now * 100) / size)) : 0);
const pct3 = (n: number): string => String(n).padStart(3);

/** Estimated seconds for `size` at `speed`, 0 when either is unknown. */
const estimate = (size: number | null, speed: number): number => (size !== null && speed > 0 ? size / speed : 0);

/** One transfer's meter line (without the leading \r), as curl 7.88 prints it. */
export function meterLine(s: Sample): string {
  const dlSpeed = s.elapsed > 0 ? s.downloaded / s.elapsed : 0;
  const ulSpeed = s.elapsed > 0 ? s.uploaded / s.elapsed : 0;
  const totalExpected = (s.uploadSize ?? s.uploaded) + (s.downloadSize ?? s.downloaded);
  const totalPercent = percentOf(s.downloaded + s.uploaded, totalExpected);
  const totalSecs = Math.max(estimate(s.uploadSize, ulSpeed), estimate(s.downloadSize, dlSpeed));
  return [
    `${pct3(totalPercent)} ${max5data(totalExpected)}  `,
    `${pct3(percentOf(s.downloaded, s.downloadSize))} ${max5data(s.downloaded)}  `,
    `${pct3(percentOf(s.uploaded, s.uploadSize))} ${max5data(s.uploaded)}  `,
    `${max5data(dlSpeed)}  ${max5data(ulSpeed)} `,
    `${time2str(totalSecs)} ${time2str(s.elapsed)} ${time2str(totalSecs > 0 ? totalSecs - s.elapsed : 0)} `,
    max5data(s.currentSpeed),
  ].join('');
}

export interface ParallelSample {
  readonly downloaded: number;
  readonly uploaded: number;
  /** Null when some transfer's size is not known. */
  readonly downloadSize: number | null;
  readonly uploadSize: number | null;
  readonly transfers: number;
  readonly live: number;
  readonly elapsed: number;
  readonly currentSpeed: number;
}

/** -Z's summary line (without the leading \r), as curl 8 prints it. */
export function parallelLine(s: ParallelSample): string {
  const pct = (now: number, size: number | null): string => (size !== null && size > 0 ? pct3(percentOf(now, size)) : ' --');
  const speed = s.elapsed > 0 ? (s.downloaded + s.uploaded) / s.elapsed : 0;
  const total = s.downloadSize !== null ? estimate(s.downloadSize, speed) : 0;
  return `${pct(s.downloaded, s.downloadSize)} ${pct(s.uploaded, s.uploadSize)} ${max5data(s.downloaded)} ${max5data(s.uploaded)} ${String(s.transfers).padStart(5)} ${String(s.live).padStart(5)}  ${time2str(total)} ${time2str(s.elapsed)} ${time2str(total > 0 ? total - s.elapsed : 0)} ${max5data(s.currentSpeed)}`;
}

/** -#: a bar of '#' as wide as the terminal allows, and the percentage; a bouncing marker when the size is unknown. */
export function barLine(downloaded: number, size: number | null, columns: number, tick: number): string {
  const width = Math.max(10, columns - 7);
  if (size === null || size <= 0) {
    const at = tick % (2 * (width - 4));
    const pos = at < width - 4 ? at : 2 * (width - 4) - at;
    return `${' '.repeat(pos)}#=#=#`.padEnd(width).slice(0, width);
  }
  const fraction = Math.min(1, downloaded / size);
  return `${'#'.repeat(Math.round(fraction * width)).padEnd(width)} ${(fraction * 100).toFixed(1).padStart(5)}%`;
}
