// --max-time and --connect-timeout as AbortSignals, so every wait below has a bound.
import { QurlError } from '../errors/index.js';
import { now } from '../trace/index.js';
import { ConnectTimeout } from '../transport/index.js';

export interface TransferLimits {
  /** Aborts at --max-time with a timeout QurlError as its reason. */
  readonly signal: AbortSignal;
  /** A fresh signal for one connect: --connect-timeout (default 300 s, as curl) or --max-time. */
  connectSignal(): { signal: AbortSignal; done(): void };
  dispose(): void;
}

const DEFAULT_CONNECT_TIMEOUT_S = 300;

export function createTransferLimits(maxTime: number | undefined, connectTimeout: number | undefined, bytesSoFar: () => number, external?: AbortSignal): TransferLimits {
  const controller = new AbortController();
  const onExternal = (): void => controller.abort(external?.reason);
  if (external?.aborted) onExternal();
  else external?.addEventListener('abort', onExternal, { once: true });
  const started = now();
  const timer =
    maxTime === undefined
      ? undefined
      : setTimeout(() => {
          // Timers may fire a hair before their time on the monotonic clock: the bound itself has passed.
          const ms = Math.max(Number((now() - started) / 1_000_000n), Math.round(maxTime * 1000));
          controller.abort(new QurlError('timeout', `Operation timed out after ${ms} milliseconds with ${bytesSoFar()} bytes received`));
        }, maxTime * 1000);
  return {
    signal: controller.signal,
    connectSignal() {
      const connect = new AbortController();
      const ms = (connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_S) * 1000;
      const t = setTimeout(() => connect.abort(new ConnectTimeout(ms)), ms);
      return { signal: AbortSignal.any([controller.signal, connect.signal]), done: () => clearTimeout(t) };
    },
    dispose() {
      clearTimeout(timer);
      external?.removeEventListener('abort', onExternal);
    },
  };
}
