// classifyStaleError: the explicit allowlist of failures that mean "the pooled connection was already dead",
// so the request cannot have been processed and may go again on a fresh connection.
import { QurlError } from '../errors/index.js';

export type StaleReason = 'closed-before-response' | 'refused-unprocessed' | 'keepalive-timeout';

export function classifyStaleError(err: unknown, reused: boolean): StaleReason | null {
  if (!(err instanceof QurlError)) return null;
  // HTTP/2 says the stream was not processed: GOAWAY below its id, or REFUSED_STREAM (RFC 9113 §6.8, §8.7).
  if (err.kind === 'h2-refused' || err.kind === 'h3-refused') return 'refused-unprocessed';
  // Retired for an unanswered PING before this request got any response header.
  if (err.kind === 'h2-ping-timeout') return 'keepalive-timeout';
  if (!reused) return null;
  // The peer closed a kept-alive connection before sending any byte of a response (RFC 9112 §9.3.1).
  if (err.kind === 'empty-reply' || err.kind === 'reset-before-reply' || err.kind === 'h3-closed') return 'closed-before-response';
  return null;
}

/** What -v says before sending the request again. */
export function describeStale(reason: StaleReason, connId: number): string {
  switch (reason) {
    case 'closed-before-response':
      return `connection #${connId} was closed before any response byte, sending the request again on a fresh connection`;
    case 'refused-unprocessed':
      return `the server did not process the request on connection #${connId} (GOAWAY, REFUSED_STREAM or H3_REQUEST_REJECTED), sending it again`;
    case 'keepalive-timeout':
      return `connection #${connId} was retired after an unanswered PING, sending the request again on a fresh connection`;
  }
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** RFC 9110 §9.2.2: only idempotent requests are replayed without the user asking. */
export function isReplayable(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}
