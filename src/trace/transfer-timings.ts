// TransferTimings: curl's -w times for one transfer. Each layer marks only the phase it knows.
import { now } from './trace-sink.js';
import type { TimingPhase } from './trace-event.js';

export interface TimingRecord {
  namelookup: bigint;
  connect: bigint;
  appconnect: bigint;
  pretransfer: bigint;
  /** The request's last byte handed to the connection (its body's end; pretransfer without a body). */
  posttransfer: bigint;
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
  /** Starts a new exchange (the first request or a redirect hop); later marks count from here. `sendsBody`: posttransfer waits for the body's end. */
  startHop(isRedirect: boolean, sendsBody?: boolean): void;
  /** Seconds, as curl prints them. */
  seconds(): Readonly<Record<keyof TimingRecord, number>>;
}

const PHASES: readonly TimingPhase[] = ['namelookup', 'connect', 'appconnect', 'pretransfer', 'posttransfer', 'starttransfer', 'total'];

/**
 * As curl does, each phase is measured from the start of its hop and added up over hops;
 * `redirect` is the time from the transfer's start to the start of the last hop. `onMark` is told of every hop's
 * start and every phase that counts, for views that place them in time (HAR).
 */
export function createTransferTimings(onMark?: (phase: TimingPhase | 'hop', at: bigint) => void): TransferTimings {
  const start = now();
  let hopStart = start;
  const acc: TimingRecord = { namelookup: 0n, connect: 0n, appconnect: 0n, pretransfer: 0n, posttransfer: 0n, starttransfer: 0n, total: 0n, redirect: 0n };
  let marked = new Set<TimingPhase>();
  let expectsBody = false;
  const timings: TransferTimings = {
    startHop(isRedirect, sendsBody = false) {
      hopStart = now();
      expectsBody = sendsBody;
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
      // A request without a body is sent whole when it is sent at all.
      if (phase === 'pretransfer' && !expectsBody) timings.mark('posttransfer', when);
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
  return timings;
}
