// curl's progress on stderr: a meter per transfer (or -#'s bar), or with -Z one summary line for the run.
// Lines are redrawn with \r, once a second (the bar five times a second), and ended when their transfer ends.
import type { LiveTransfer } from '../../engine/index.js';
import { barLine, meterLine, METER_HEADER, PARALLEL_HEADER, parallelLine, type Sample } from './progress-line.js';

export type ProgressStyle = 'meter' | 'bar';

export interface ProgressOptions {
  readonly out: { write(text: string): unknown };
  readonly style: ProgressStyle;
  /** -Z: one line for every transfer of the run. */
  readonly parallel: boolean;
  readonly columns: () => number;
}

export interface ProgressMeter {
  start(live: LiveTransfer): void;
  /** The transfer ended (or an attempt that will be retried): its last line, and a newline. */
  finish(transferId: number): void;
  /** The run is over. */
  close(): void;
}

interface Tracked {
  readonly live: LiveTransfer;
  readonly startedAt: number;
  /** Bytes seen at each of the last redraws, for the current speed. */
  readonly recent: { at: number; bytes: number }[];
}

const seconds = (ms: number): number => ms / 1000;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPINNER_AFTER_MS = 1000;

/** Bytes per second over the last five redraws, `bytes` being the count now (curl's "Current Speed"). */
function windowSpeed(recent: { at: number; bytes: number }[], now: number, bytes: number): number {
  recent.push({ at: now, bytes });
  while (recent.length > 6) recent.shift();
  const first = recent[0]!;
  return now > first.at ? ((bytes - first.bytes) * 1000) / (now - first.at) : 0;
}

function sampleOf(t: Tracked, now: number): Sample {
  return {
    downloaded: t.live.downloaded(),
    uploaded: t.live.uploaded(),
    downloadSize: t.live.downloadSize(),
    uploadSize: t.live.uploadSize(),
    elapsed: seconds(now - t.startedAt),
    currentSpeed: windowSpeed(t.recent, now, t.live.downloaded() + t.live.uploaded()),
  };
}

export function createProgressMeter(options: ProgressOptions): ProgressMeter {
  const { out, style, parallel } = options;
  const tracked = new Map<number, Tracked>();
  const runStart = Date.now();
  let transfers = 0;
  let ended: { downloaded: number; uploaded: number; sizesKnown: boolean; size: number; upSize: number } = { downloaded: 0, uploaded: 0, sizesKnown: true, size: 0, upSize: 0 };
  const runRecent: { at: number; bytes: number }[] = [];
  let headerShown = false;
  let tick = 0;
  let lastBar = '';
  let timer: NodeJS.Timeout | undefined;

  const drawOne = (t: Tracked): void => {
    const now = Date.now();
    if (style === 'bar') {
      const moved = t.live.downloaded() + t.live.uploaded();
      const waited = now - t.startedAt;
      // A long wait for the first byte gets a spinner and the time waited instead of an empty bar.
      const line = moved === 0 && waited >= SPINNER_AFTER_MS && !t.live.done()
        ? `${SPINNER[tick++ % SPINNER.length]} waiting for the first byte (${Math.floor(waited / 1000)} s)`.padEnd(Math.max(10, options.columns() - 1))
        : barLine(moved, sizeOf(t), options.columns(), tick++);
      // As curl: the bar is written again only when it changed.
      if (line !== lastBar) out.write(`\r${line}`);
      lastBar = line;
      return;
    }
    out.write(`\r${meterLine(sampleOf(t, now))}`);
  };
  const sizeOf = (t: Tracked): number | null => {
    const dl = t.live.downloadSize();
    const ul = t.live.uploadSize();
    return dl === null && ul === null ? null : (dl ?? 0) + (ul ?? 0);
  };
  const drawRun = (final: boolean): void => {
    const now = Date.now();
    const lives = [...tracked.values()];
    let downloaded = ended.downloaded;
    let uploaded = ended.uploaded;
    let known = ended.sizesKnown;
    let size = ended.size;
    let upSize = ended.upSize;
    for (const t of lives) {
      downloaded += t.live.downloaded();
      uploaded += t.live.uploaded();
      const s = t.live.downloadSize();
      if (s === null) known = false;
      else size += s;
      upSize += t.live.uploadSize() ?? 0;
    }
    const speed = windowSpeed(runRecent, now, downloaded + uploaded);
    out.write(`\r${parallelLine({ downloaded, uploaded, downloadSize: known ? size : null, uploadSize: upSize > 0 ? upSize : null, transfers, live: lives.filter((t) => !t.live.done()).length, elapsed: seconds(now - runStart), currentSpeed: speed })}${final ? '\n' : ''}`);
  };
  const redraw = (): void => {
    if (parallel) return drawRun(false);
    for (const t of tracked.values()) drawOne(t);
  };
  const ensureTimer = (): void => {
    if (timer) return;
    timer = setInterval(redraw, style === 'bar' ? 200 : 1000);
    timer.unref();
  };

  return {
    start(live) {
      if (tracked.has(live.transferId)) this.finish(live.transferId);
      tracked.set(live.transferId, { live, startedAt: Date.now(), recent: [] });
      transfers++;
      if (parallel) {
        if (!headerShown) out.write(PARALLEL_HEADER);
        headerShown = true;
        drawRun(false);
      } else {
        if (style === 'meter') out.write(METER_HEADER);
        lastBar = '';
        drawOne(tracked.get(live.transferId)!);
      }
      ensureTimer();
    },
    finish(transferId) {
      const t = tracked.get(transferId);
      if (!t) return;
      tracked.delete(transferId);
      if (parallel) {
        const s = t.live.downloadSize();
        ended = {
          downloaded: ended.downloaded + t.live.downloaded(),
          uploaded: ended.uploaded + t.live.uploaded(),
          sizesKnown: ended.sizesKnown && s !== null,
          size: ended.size + (s ?? 0),
          upSize: ended.upSize + (t.live.uploadSize() ?? 0),
        };
        return;
      }
      drawOne(t);
      out.write('\n');
    },
    close() {
      clearInterval(timer);
      if (parallel && headerShown) drawRun(true);
    },
  };
}
