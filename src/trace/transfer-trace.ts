// TransferTrace: a TraceSink bound to one transfer; stamps `t` and `transferId` so layers only say what happened.
import type { EventInput, TraceEvent, TraceEventType } from './trace-event.js';
import { now, type TraceSink } from './trace-sink.js';

export interface TransferTrace {
  readonly transferId: number;
  emit(event: EventInput): void;
  wants(type: TraceEventType): boolean;
}

export function createTransferTrace(sink: TraceSink, transferId: number): TransferTrace {
  return {
    transferId,
    emit(event) {
      if (!sink.wants(event.type)) return;
      sink.emit({ ...event, t: now(), transferId } as TraceEvent);
    },
    wants: (type) => sink.wants(type),
  };
}
