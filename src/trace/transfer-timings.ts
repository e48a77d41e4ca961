// TransferTimings: curl's -w times for one transfer. Each layer marks only the phase it knows.
import { now } from './trace-sink.js';
import type { TimingPhase } from './trace-event.js';

/** Each phase in nanoseconds from its hop's start, summed over hops (numbers: exact far past any transfer's length). */
export interface TimingRecord {
  namelookup: number;
  connect: number;
  appconnect: number;
  pretransfer: number;
  /** The request's last byte handed to the connection (its body's end; pretransfer without a body). */
  posttransfer: number;
  starttransfer: number;
  total: number;
  redirect: number;
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
 * start and every phase that counts, for views that place them in time (HAR). The sums are numbers, not BigInts:
 * a thousand -Z transfers mark seven phases each, and every BigInt operation allocates.
 */
export function createTransferTimings(onMark?: (phase: TimingPhase | 'hop', at: bigint) => void): TransferTimings {
  return new HopTimings(onMark);
}

/** A class, not closures: every transfer makes two (one before its clock starts). */
class HopTimings implements TransferTimings {
  private readonly start = now();
  private hopStart = this.start;
  private readonly acc: TimingRecord = { namelookup: 0, connect: 0, appconnect: 0, pretransfer: 0, posttransfer: 0, starttransfer: 0, total: 0, redirect: 0 };
  /** The phases this hop has marked, one bit each in PHASES order. */
  private marked = 0;
  private expectsBody = false;

  constructor(private readonly onMark: ((phase: TimingPhase | 'hop', at: bigint) => void) | undefined) {}

  startHop(isRedirect: boolean, sendsBody = false): void {
    this.hopStart = now();
    this.expectsBody = sendsBody;
    if (isRedirect) this.acc.redirect = Number(this.hopStart - this.start);
    this.marked = 0;
    this.onMark?.('hop', this.hopStart);
  }

  mark(phase: TimingPhase, at?: bigint): void {
    if (phase === 'total') {
      const end = now();
      this.acc.total = Number(end - this.start);
      this.onMark?.('total', end);
      return;
    }
    const bit = 1 << PHASES.indexOf(phase);
    if (this.marked & bit) return;
    this.marked |= bit;
    const when = at ?? now();
    // A request without a body is sent whole when it is sent at all.
    if (phase === 'pretransfer' && !this.expectsBody) this.mark('posttransfer', when);
    this.onMark?.(phase, when);
    const d = Number(when - this.hopStart);
    this.acc[phase] += d < 1000 ? 1000 : d;
  }

  seconds(): Readonly<Record<keyof TimingRecord, number>> {
    const { acc } = this;
    const s = 1e9;
    return { namelookup: acc.namelookup / s, connect: acc.connect / s, appconnect: acc.appconnect / s, pretransfer: acc.pretransfer / s, posttransfer: acc.posttransfer / s, starttransfer: acc.starttransfer / s, total: acc.total / s, redirect: acc.redirect / s };
  }
}
