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
      // Stamped in place: events are fresh literals, and copying one per gRPC message or DATA frame cost more
      // than printing it (a spread of many event shapes is megamorphic).
      const stamped = event as { t?: bigint; transferId?: number };
      stamped.t = now();
      stamped.transferId = transferId;
      sink.emit(stamped as TraceEvent);
    },
    wants: (type) => sink.wants(type),
  };
}
