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
  let timer: NodeJS.Timeout | undefined;
  if (maxTime !== undefined) {
    const boundNs = BigInt(Math.round(maxTime * 1e9));
    // Timers run on the loop's cached clock and may fire a hair early on the monotonic one: wait out the rest.
    const fire = (): void => {
      const elapsed = now() - started;
      if (elapsed < boundNs) {
        timer = setTimeout(fire, Math.ceil(Number(boundNs - elapsed) / 1e6));
        return;
      }
      controller.abort(new QurlError('timeout', `Operation timed out after ${elapsed / 1_000_000n} milliseconds with ${bytesSoFar()} bytes received`));
    };
    timer = setTimeout(fire, maxTime * 1000);
  }
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
