// HTTP/2 keepalive: PING the peer on an interval, idle or streaming (RFC 9113 §6.7); an unanswered PING
// retires the connection, which also catches a peer nghttp2 already gave up on.
import type { ClientHttp2Session } from 'node:http2';
import type { KeepaliveSettings } from '../protocol-connection.js';

export function startKeepalive(session: ClientHttp2Session, settings: KeepaliveSettings, onTimeout: () => void): void {
  const { intervalMs, timeoutMs } = settings;
  if (intervalMs === null) return;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    // unref: a PING schedule alone must not keep qurl running.
    timer = setTimeout(ping, intervalMs).unref();
  };
  const ping = (): void => {
    if (session.closed || session.destroyed) return;
    const deadline = setTimeout(onTimeout, timeoutMs).unref();
    const sent = session.ping((err) => {
      clearTimeout(deadline);
      if (!err) schedule();
    });
    if (!sent) clearTimeout(deadline);
  };
  session.once('close', () => clearTimeout(timer));
  schedule();
}
