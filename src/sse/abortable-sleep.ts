// Waits that end early on an AbortSignal and leave no listener behind on it; used by runSse, whose stop
// signal lives for the whole run (one leaked listener per reconnect was issue 9's MaxListenersExceededWarning).

/** Resolves after `ms` or as soon as `signal` aborts, whichever is first; removes its listener either way. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export interface LinkedAbort {
  /** Aborts when the parent does (with its reason) or when `abort()` is called. */
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  /** Detaches from the parent; call once the child's work is over. */
  dispose(): void;
}

/** A child controller of a long-lived signal, with a listener the caller removes (AbortSignal.any keeps its sources' bookkeeping). */
export function linkedAbort(parent: AbortSignal): LinkedAbort {
  const controller = new AbortController();
  const follow = (): void => controller.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => parent.removeEventListener('abort', follow),
  };
}
