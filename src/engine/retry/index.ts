export { runWithRetries, type RetryHooks } from './run-with-retries.js';
export { decideRetry, retryAfterSeconds, startRetries, RETRY_SLEEP_DEFAULT_MS, RETRY_SLEEP_MAX_MS, type RetryDecision, type RetryState } from './retry-policy.js';
