// The --retry loop around one URL's transfer: each failed attempt is reported, what it wrote to an -o file is
// thrown away, and the next starts after curl's back-off.
import { truncateSync } from 'node:fs';
import type { RequestSpec } from '../request-spec.js';
import type { TransferResult } from '../transfer-result.js';
import { decideRetry, startRetries } from './retry-policy.js';

export interface RetryHooks {
  /** An attempt that will be tried again (its error line, as curl prints one per attempt). */
  onAttemptFailed(result: TransferResult): void;
  warn(message: string): void;
}

/** `attempt` runs the transfer once; `truncateTo`: the size an -o file goes back to (a -C offset, else 0). */
export async function runWithRetries(attempt: () => Promise<TransferResult>, spec: RequestSpec, hooks: RetryHooks, truncateTo = 0): Promise<TransferResult> {
  const first = await attempt();
  if (spec.retry.count === 0) return first;
  const state = startRetries(spec.retry, Date.now());
  for (let result = first; ; result = await attempt()) {
    const decision = decideRetry(result, spec.retry, spec.fail !== 'none', state, Date.now());
    if (!decision.retry) {
      if (decision.warning) hooks.warn(decision.warning);
      return { ...result, numRetries: state.done };
    }
    hooks.onAttemptFailed(result);
    hooks.warn(decision.warning);
    if (result.fileOpened && result.filenameEffective !== '') {
      try {
        truncateSync(result.filenameEffective, truncateTo);
      } catch {
        // A file that cannot be truncated is rewritten by the next attempt, which opens it again.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
  }
}
