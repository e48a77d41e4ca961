// --retry: which failed transfers curl tries again, after how long, and which qurl will not replay because the
// server may already have acted on them.
import { errorCode } from '../../errors/index.js';
import { headerValue } from '../../trace/index.js';
import type { RetryOptions } from '../request-spec.js';
import type { TransferResult } from '../transfer-result.js';

/** curl's transient HTTP statuses (tool_operate.c). */
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504, 522, 524]);
/** Statuses that say the request was not acted on: safe to send again whatever its method (RFC 9110 §15.5.9, RFC 6585 §4, RFC 9110 §15.6.4). */
const NOT_PROCESSED_STATUS = new Set([408, 429, 503]);
/** RFC 9110 §9.2.2. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);
/** curl's RETRY_TIMEOUT set: a timeout or a name that did not resolve. */
const TIMEOUT_KINDS = new Set(['timeout', 'resolve', 'proxy-resolve']);
export const RETRY_SLEEP_DEFAULT_MS = 1000;
export const RETRY_SLEEP_MAX_MS = 10 * 60 * 1000;

export interface RetryState {
  /** Retries left. */
  left: number;
  /** The sleep before the next one (doubling from 1 s unless --retry-delay). */
  sleepMs: number;
  readonly startedAt: number;
  done: number;
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly warning: string }
  | { readonly retry: false; readonly warning?: string };

export function startRetries(options: RetryOptions, now: number): RetryState {
  return { left: options.count, sleepMs: options.delayS > 0 ? options.delayS * 1000 : RETRY_SLEEP_DEFAULT_MS, startedAt: now, done: 0 };
}

function causedByRefusal(err: unknown, depth = 0): boolean {
  if (depth > 5 || typeof err !== 'object' || err === null) return false;
  if (errorCode(err) === 'ECONNREFUSED') return true;
  if (err instanceof AggregateError && err.errors.some((e) => causedByRefusal(e, depth + 1))) return true;
  return causedByRefusal((err as { cause?: unknown }).cause, depth + 1);
}

/** Retry-After in seconds: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); 0 when absent or past. */
export function retryAfterSeconds(value: string | undefined, now: number): number {
  if (value === undefined) return 0;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

type Reason = 'timeout' | 'connection refused' | 'HTTP error' | 'all errors';

function reasonOf(result: TransferResult, options: RetryOptions, failOnError: boolean): Reason | null {
  const err = result.error;
  if (err && TIMEOUT_KINDS.has(err.kind)) return 'timeout';
  if (err?.kind === 'connect' && options.connRefused && causedByRefusal(err)) return 'connection refused';
  const httpOk = !err || (failOnError && err.kind === 'http-fail');
  if (httpOk && (result.scheme === 'http' || result.scheme === 'https') && TRANSIENT_STATUS.has(result.status)) return 'HTTP error';
  return err && options.allErrors ? 'all errors' : null;
}

/** Whether sending the request again cannot repeat what the server did with it the first time. */
function safeToReplay(result: TransferResult): boolean {
  if (IDEMPOTENT.has(result.method) || result.method === '') return true;
  // Nothing went out: the failure came before the request was sent (resolve, connect, TLS).
  if (result.times.pretransfer === 0 && result.status === 0) return true;
  return NOT_PROCESSED_STATUS.has(result.status);
}

/** What to do after an attempt that ended with `result`; updates `state` when it retries. */
export function decideRetry(result: TransferResult, options: RetryOptions, failOnError: boolean, state: RetryState, now: number): RetryDecision {
  if (state.left <= 0) return { retry: false };
  if (options.maxTimeS > 0 && now - state.startedAt >= options.maxTimeS * 1000) return { retry: false };
  const reason = reasonOf(result, options, failOnError);
  if (reason === null) return { retry: false };
  if (!options.allErrors && !safeToReplay(result)) {
    return { retry: false, warning: `Not retrying the ${result.method}: the server may have acted on it (--retry-all-errors sends it again).` };
  }
  let delayMs = state.sleepMs;
  if (reason === 'HTTP error') {
    const after = retryAfterSeconds(headerValue(result.headers, 'retry-after'), now);
    // As curl: the server's Retry-After replaces the back-off's delay for this retry.
    if (after > 0) {
      // A server's word is held to 10 minutes (or --retry-max-time): a hostile Retry-After cannot park qurl for days.
      const cap = options.maxTimeS > 0 ? Math.max(options.maxTimeS * 1000, RETRY_SLEEP_MAX_MS) : RETRY_SLEEP_MAX_MS;
      delayMs = Math.min(after * 1000, cap);
      if (options.maxTimeS > 0 && (now - state.startedAt) / 1000 + after > options.maxTimeS) {
        return { retry: false, warning: 'The Retry-After: time would make this command line exceed the maximum allowed time for retries.' };
      }
    }
  }
  const secs = Math.round(delayMs / 100) / 10;
  const what = reason === 'all errors' ? ' (retrying all errors)' : ` : ${reason}`;
  const left = state.left;
  const warning = `Problem${what}. Will retry in ${secs} second${secs === 1 ? '' : 's'}. ${left} retr${left === 1 ? 'y' : 'ies'} left.`;
  state.left--;
  state.done++;
  if (options.delayS === 0) state.sleepMs = Math.min(state.sleepMs * 2, RETRY_SLEEP_MAX_MS);
  return { retry: true, delayMs, warning };
}
