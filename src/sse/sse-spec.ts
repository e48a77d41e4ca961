// SseSpec: what `qurl sse` adds to a RequestSpec; plain data from cli/.
export type SseFormat = 'pretty' | 'raw' | 'json' | 'data';

export interface SseSpec {
  readonly format: SseFormat;
  /** --event NAME…: only these types (empty: all). */
  readonly events: readonly string[];
  /** --count N: stop after N events. */
  readonly count?: number;
  /** --for DURATION in ms. */
  readonly forMs?: number;
  /** --retry-delay MS: overrides the default 3000 ms and the server's retry:. */
  readonly retryDelayMs?: number;
  readonly maxBackoffMs: number;
  /** --max-reconnects N; undefined = unlimited. */
  readonly maxReconnects?: number;
  readonly lastEventId?: string;
  /** --idle-timeout: reconnect when nothing (not even a comment) arrived for this long. */
  readonly idleTimeoutMs?: number;
  /** --max-event-size: bytes one event may hold (its data lines plus the line being read); more fails the run. */
  readonly maxEventSize: number;
}
