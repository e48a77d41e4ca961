// qurl serve's HTTP/3 switches, per QUIC connection: GOAWAY after N requests, close when idle, close instead of
// answering once N requests were answered — the edge cases a client's pool and retry rules must survive.
import { HTTP3_FRAME, encodeHttp3Frame, encodeVarint } from '../codec/index.js';
import { H3_ERROR, type DrivenQuicSession } from '../transport/index.js';

export interface H3Switches {
  /**
   * Answer this many requests on a connection, and no more: GOAWAY goes out when the last of them arrives, ahead of
   * its response, so a client has it before it could reuse the connection; later streams are not processed (RFC 9114 §5.2).
   */
  readonly goawayAfter?: number;
  /** Close a connection (H3_NO_ERROR) once it has answered and had no request in flight for this many ms. */
  readonly closeIdleMs?: number;
  /** Answer this many requests on a connection, then close it when the next one arrives, without answering. */
  readonly closeBeforeResponseAfter?: number;
}

export interface ConnectionSwitches {
  /** A request arrived on `streamId`: false when it must not be answered (rejected after GOAWAY, or the connection closes instead). */
  admit(streamId: number): boolean;
  /** The response on `streamId` is complete. */
  answered(streamId: number): void;
}

export function switchesFor(session: DrivenQuicSession, controlStream: number, switches: H3Switches): ConnectionSwitches {
  let answered = 0;
  let admitted = 0;
  let inFlight = 0;
  let goawayId: number | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  const armIdle = (): void => {
    if (switches.closeIdleMs === undefined) return;
    clearTimeout(idleTimer);
    // From the next check phase: the driver's flush of the response was queued there first, and a 0 ms timer
    // could otherwise close the connection (dropping the unsent response) before it ran.
    setImmediate(() => {
      if (inFlight === 0 && !session.isClosed()) idleTimer = setTimeout(() => session.close(true, H3_ERROR.NO_ERROR, 'idle'), switches.closeIdleMs);
    });
  };
  void session.closed.then(() => clearTimeout(idleTimer));
  return {
    admit(streamId) {
      if (goawayId !== null && streamId >= goawayId) {
        session.abortStream(streamId, H3_ERROR.REQUEST_REJECTED);
        return false;
      }
      if (switches.closeBeforeResponseAfter !== undefined && answered >= switches.closeBeforeResponseAfter) {
        session.close(true, H3_ERROR.NO_ERROR, 'closing instead of answering');
        return false;
      }
      inFlight++;
      admitted++;
      clearTimeout(idleTimer);
      if (switches.goawayAfter !== undefined && admitted === switches.goawayAfter) {
        goawayId = streamId + 4;
        session.write(controlStream, encodeHttp3Frame(HTTP3_FRAME.GOAWAY, encodeVarint(goawayId)), false);
      }
      return true;
    },
    answered() {
      answered++;
      inFlight--;
      if (inFlight === 0) armIdle();
    },
  };
}
