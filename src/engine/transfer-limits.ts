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

/** --speed-limit/--speed-time. */
export interface SpeedLimit {
  readonly bytesPerSecond: number;
  readonly seconds: number;
}

/** Aborts when the transfer stays below the speed limit for its whole time, as curl's speed check (once a second). */
function watchSpeed(limit: SpeedLimit, bytesSoFar: () => number, abort: (err: QurlError) => void): NodeJS.Timeout {
  let slowSince = now();
  let last = bytesSoFar();
  const timer = setInterval(() => {
    const bytes = bytesSoFar();
    const t = now();
    if (bytes - last >= limit.bytesPerSecond) slowSince = t;
    last = bytes;
    if (t - slowSince >= BigInt(Math.round(limit.seconds * 1e9))) {
      abort(new QurlError('timeout', `Operation too slow. Less than ${limit.bytesPerSecond} bytes/sec transferred the last ${limit.seconds} seconds`));
    }
  }, 1000);
  timer.unref();
  return timer;
}

export function createTransferLimits(maxTime: number | undefined, connectTimeout: number | undefined, bytesSoFar: () => number, external?: AbortSignal, speed?: SpeedLimit): TransferLimits {
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
  const speedTimer = speed ? watchSpeed(speed, bytesSoFar, (err) => controller.abort(err)) : undefined;
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
      clearInterval(speedTimer);
      external?.removeEventListener('abort', onExternal);
    },
  };
}
