// --http3: QUIC first, TCP in parallel once QUIC has had a head start or failed (as curl does); the first
// connection up wins and the other is dropped. Each attempt records its timings apart, so -w reports the
// winner's connect and appconnect only.
import { QurlError } from '../errors/index.js';
import type { TimingMarks, TimingPhase } from '../trace/index.js';
import { now } from '../trace/index.js';
import type { ProtocolConnection } from './protocol-connection.js';

/** How long QUIC runs alone before TCP starts beside it (curl's happy-eyeballs timeout). */
export const H3_HEAD_START_MS = 200;

export interface RaceAttempt {
  /** Opens the connection with its own timings and abort signal. */
  open(timings: TimingMarks, signal: AbortSignal): Promise<ProtocolConnection>;
}

interface RecordedTimings extends TimingMarks {
  replayInto(target: TimingMarks): void;
}

function recordTimings(): RecordedTimings {
  const marks: [TimingPhase, bigint][] = [];
  return {
    mark(phase, at) {
      marks.push([phase, at ?? now()]);
    },
    replayInto(target) {
      for (const [phase, at] of marks) target.mark(phase, at);
    },
  };
}

export interface RaceOptions {
  readonly timings: TimingMarks;
  readonly signal: AbortSignal;
  readonly info: (message: string) => void;
  readonly where: string;
}

export function raceH3(quic: RaceAttempt, tcp: RaceAttempt, options: RaceOptions): Promise<ProtocolConnection> {
  const { info, where } = options;
  return new Promise((resolve, reject) => {
    const attempts: { name: 'quic' | 'tcp'; abort: AbortController; timings: RecordedTimings; error?: unknown; done: boolean }[] = [];
    let settled = false;
    let headStart: NodeJS.Timeout | undefined;

    const finishIfAllFailed = (): void => {
      if (settled || attempts.some((a) => !a.done) || !attempts.some((a) => a.name === 'tcp')) return;
      settled = true;
      // TCP is what --http3 falls back to, so its failure is the one to report.
      reject(attempts.find((a) => a.name === 'tcp')!.error);
    };
    const start = (name: 'quic' | 'tcp', attempt: RaceAttempt): void => {
      const entry = { name, abort: new AbortController(), timings: recordTimings(), done: false } as (typeof attempts)[number];
      attempts.push(entry);
      attempt.open(entry.timings, AbortSignal.any([options.signal, entry.abort.signal])).then(
        (connection) => {
          entry.done = true;
          if (settled) return connection.close();
          settled = true;
          clearTimeout(headStart);
          for (const other of attempts) if (other !== entry) other.abort.abort(new QurlError('aborted', `${other.name} lost the race`));
          if (name === 'tcp') info(`Using TCP: it connected before QUIC did (--http3)`);
          entry.timings.replayInto(options.timings);
          resolve(connection);
        },
        (err: unknown) => {
          entry.done = true;
          entry.error = err;
          if (settled) return;
          if (options.signal.aborted) {
            settled = true;
            clearTimeout(headStart);
            return reject(err);
          }
          if (name === 'quic') {
            info(`HTTP/3 to ${where} failed (${err instanceof Error ? err.message : String(err)}): falling back to TCP (--http3)`);
            startTcp();
          }
          finishIfAllFailed();
        },
      );
    };
    const startTcp = (): void => {
      clearTimeout(headStart);
      if (settled || attempts.some((a) => a.name === 'tcp')) return;
      start('tcp', tcp);
    };
    start('quic', quic);
    headStart = setTimeout(() => {
      if (settled || attempts.some((a) => a.name === 'tcp')) return;
      info(`HTTP/3 to ${where}: no QUIC handshake after ${H3_HEAD_START_MS} ms, trying TCP in parallel (--http3)`);
      startTcp();
    }, H3_HEAD_START_MS);
  });
}
