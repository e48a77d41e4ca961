// --idle-timeout for one SSE connection: fires when no item (event, comment, retry) arrived for a while; used by runSse.
// touch() only stamps the time, so a stream of a million comments costs no timer churn.

export interface IdleTimer {
  /** Something arrived: the silence starts over. */
  touch(): void;
  /** The connection is over: no more firing. */
  stop(): void;
}

/** With `ms` undefined, a timer that never fires. */
export function startIdleTimer(ms: number | undefined, onIdle: () => void): IdleTimer {
  if (ms === undefined) return { touch: () => {}, stop: () => {} };
  let last = performance.now();
  let timer: NodeJS.Timeout;
  const check = (): void => {
    const silent = performance.now() - last;
    if (silent >= ms) onIdle();
    else timer = setTimeout(check, ms - silent);
  };
  timer = setTimeout(check, ms);
  return {
    touch: () => void (last = performance.now()),
    stop: () => clearTimeout(timer),
  };
}
