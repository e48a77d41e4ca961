// The streams of a multiplexed connection (h2, h3): open ones plus those the pool reserved for requests about
// to be sent, held against a limit (the peer's SETTINGS_MAX_CONCURRENT_STREAMS, or qurl's own cap).
export interface StreamSlots {
  /** True when one more stream fits. */
  hasRoom(): boolean;
  /** Takes a slot for a request the pool hands out; false when none is free. */
  reserve(): boolean;
  /** A request goes out: its reserved slot (if any) becomes an open stream. Call the result once it ends. */
  open(): () => void;
}

export function createStreamSlots(limit: () => number): StreamSlots {
  let active = 0;
  let reserved = 0;
  const hasRoom = (): boolean => active + reserved < limit();
  return {
    hasRoom,
    reserve() {
      if (!hasRoom()) return false;
      reserved++;
      return true;
    },
    open() {
      if (reserved > 0) reserved--;
      active++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        active--;
      };
    },
  };
}
