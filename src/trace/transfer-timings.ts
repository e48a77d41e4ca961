// TransferTimings: curl's -w times for one transfer. Each layer marks only the phase it knows.
import { now } from './trace-sink.js';
import type { TimingPhase } from './trace-event.js';

export interface TimingRecord {
  namelookup: bigint;
  connect: bigint;
  appconnect: bigint;
  pretransfer: bigint;
  starttransfer: bigint;
  total: bigint;
  redirect: bigint;
}

/** What a layer that only reports phases needs (connect steps, protocol modules). */
export interface TimingMarks {
  /** Records a phase now, or at `at` (a race's winner replays its marks). The first mark of a hop counts. */
  mark(phase: TimingPhase, at?: bigint): void;
}

export interface TransferTimings extends TimingMarks {
  /** Starts a new exchange (the first request or a redirect hop); later marks count from here. */
  startHop(isRedirect: boolean): void;
  /** Seconds, as curl prints them. */
  seconds(): Readonly<Record<keyof TimingRecord, number>>;
}

const PHASES: readonly TimingPhase[] = ['namelookup', 'connect', 'appconnect', 'pretransfer', 'starttransfer', 'total'];

/**
 * As curl does, each phase is measured from the start of its hop and added up over hops;
 * `redirect` is the time from the transfer's start to the start of the last hop. `onMark` is told of every hop's
 * start and every phase that counts, for views that place them in time (HAR).
 */
export function createTransferTimings(onMark?: (phase: TimingPhase | 'hop', at: bigint) => void): TransferTimings {
  const start = now();
  let hopStart = start;
  const acc: TimingRecord = { namelookup: 0n, connect: 0n, appconnect: 0n, pretransfer: 0n, starttransfer: 0n, total: 0n, redirect: 0n };
  let marked = new Set<TimingPhase>();
  return {
    startHop(isRedirect) {
      hopStart = now();
      if (isRedirect) acc.redirect = hopStart - start;
      marked = new Set();
      onMark?.('hop', hopStart);
    },
    mark(phase, at) {
      if (phase === 'total') {
        acc.total = now() - start;
        onMark?.('total', start + acc.total);
        return;
      }
      if (marked.has(phase)) return;
      marked.add(phase);
      const when = at ?? now();
      onMark?.(phase, when);
      const d = when - hopStart;
      acc[phase] += d < 1000n ? 1000n : d;
    },
    seconds() {
      const out = {} as Record<keyof TimingRecord, number>;
      for (const k of [...PHASES, 'redirect'] as (keyof TimingRecord)[]) out[k] = Number(acc[k]) / 1e9;
      return out;
    },
  };
}
