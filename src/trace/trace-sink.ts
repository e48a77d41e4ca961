// TraceSink: where layers report events; wants() lets them skip costly payloads nobody watches.
import type { TraceEvent, TraceEventType } from './trace-event.js';

export interface TraceSink {
  emit(event: TraceEvent): void;
  /** True when some view subscribed to this type (from this source). Check before building costly payloads. */
  wants(type: TraceEventType, source?: string): boolean;
}

export interface TraceView {
  readonly types: ReadonlySet<TraceEventType>;
  onEvent(event: TraceEvent): void;
}

/** Fans events out to the views that subscribed to their type. */
export function createTraceSink(views: readonly TraceView[]): TraceSink {
  const wanted = new Set<TraceEventType>();
  for (const v of views) for (const t of v.types) wanted.add(t);
  return {
    emit(event) {
      if (!wanted.has(event.type)) return;
      for (const v of views) if (v.types.has(event.type)) v.onEvent(event);
    },
    wants(type) {
      return wanted.has(type);
    },
  };
}

/** A sink no view watches (a rehearsal's, a load run's). */
export const silentSink: TraceSink = { emit: () => {}, wants: () => false };

const origin = process.hrtime.bigint();
/** The wall clock at `origin`, in microseconds since the epoch; set on first use (perf_hooks costs start-up). */
let wallOriginUs: number | undefined;

/** An event's `t` on the wall clock, in microseconds since the epoch: what --trace-time prints (exact between events). */
export function wallClockUs(t: bigint): number {
  wallOriginUs ??= Date.now() * 1000 - Number(now() / 1000n);
  return wallOriginUs + Number(t / 1000n);
}

/** Nanoseconds since the process started its run; the `t` of every event. */
export function now(): bigint {
  return process.hrtime.bigint() - origin;
}
