// --out-json FILE: qurl's own record of the run for scripts — every transfer's result (curl's -w values, as
// numbers) and its trace events in order (everything but body bytes), times in milliseconds since the run began.
import type { TransferResult } from '../engine/index.js';
import type { TraceEvent, TraceEventType, TraceView } from '../trace/index.js';

export interface RunRecorder {
  readonly view: TraceView;
  finish(result: TransferResult): void;
  /** The record as JSON text. */
  text(exitCode: number): string;
}

const TYPES: ReadonlySet<TraceEventType> = new Set([
  'dns', 'connect', 'tls', 'request-head', 'response-head', 'frame', 'h3-frame', 'trailers', 'retry', 'redirect', 'timing', 'info', 'grpc-message', 'grpc-status',
]);

/** Bigints (trace times) as milliseconds, bytes (raw heads, frame payloads) as base64. */
function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Uint8Array) return { base64: Buffer.from(raw).toString('base64') };
  if (typeof value === 'bigint') return Number(value) / 1e6;
  return value;
}

export function createRunRecorder(version: string): RunRecorder {
  const startedAt = new Date().toISOString();
  const events = new Map<number, TraceEvent[]>();
  const transfers: unknown[] = [];
  return {
    view: {
      types: TYPES,
      onEvent(e) {
        const list = events.get(e.transferId) ?? [];
        list.push(e);
        events.set(e.transferId, list);
      },
    },
    finish(result) {
      const { error, ...rest } = result;
      transfers.push({ ...rest, error: error ? { exitCode: error.exitCode, kind: error.kind, message: error.message } : null, events: events.get(result.transferId) ?? [] });
      events.delete(result.transferId);
    },
    text(exitCode) {
      return `${JSON.stringify({ qurl: version, startedAt, exitCode, transfers }, replacer, 2)}\n`;
    },
  };
}
