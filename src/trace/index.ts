export { createTraceSink, silentSink, now, wallClockUs } from './trace-sink.js';
export type { TraceSink, TraceView } from './trace-sink.js';
export { createTransferTrace } from './transfer-trace.js';
export type { TransferTrace } from './transfer-trace.js';
export { createTransferTimings } from './transfer-timings.js';
export { headerValue, headerValues, redactCredentials } from './header-list.js';
export type { TimingMarks, TransferTimings, TimingRecord } from './transfer-timings.js';
export type {
  TraceEvent,
  TraceEventType,
  EventInput,
  HeaderList,
  ResolvedAddress,
  CertSummary,
  TimingPhase,
  FrameDetail,
  H3FrameDetail,
  FramePriority,
} from './trace-event.js';
