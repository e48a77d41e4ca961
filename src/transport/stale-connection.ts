// classifyStaleError: the explicit allowlist of failures that mean "the pooled connection was already dead",
// so the request cannot have been processed and may go again on a fresh connection.
import { QurlError } from '../errors/index.js';

export type StaleReason = 'closed-before-response';

export function classifyStaleError(err: unknown, reused: boolean): StaleReason | null {
  if (!reused || !(err instanceof QurlError)) return null;
  // The peer closed a kept-alive connection before sending any byte of a response (RFC 9112 §9.3.1).
  if (err.kind === 'empty-reply') return 'closed-before-response';
  return null;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** RFC 9110 §9.2.2: only idempotent requests are replayed without the user asking. */
export function isReplayable(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}
