// ConnectionPool: reuses live connections by origin and TLS settings (never by tuning knobs); opens new ones via the chain.
import type { TransferTimings, TransferTrace } from '../trace/index.js';
import type { ConnectOptions, ConnectTarget, Endpoint } from './connect/index.js';
import { openConnection } from './open-connection.js';
import type { HttpVersionChoice, KeepaliveSettings, ProtocolConnection } from './protocol-connection.js';

export interface ConnectionRequest {
  readonly target: ConnectTarget;
  readonly options: ConnectOptions;
  readonly scheme: 'http' | 'https';
  readonly version: HttpVersionChoice;
  /** An HTTP/3 alternative (Alt-Svc) to reach over QUIC instead of the origin's own address. */
  readonly altSvc?: Endpoint;
  /** A tuning knob: deliberately not part of the pool key. */
  readonly keepalive: KeepaliveSettings;
  readonly trace: TransferTrace;
  readonly timings: TransferTimings;
  /**
   * Makes the bound for opening a connection (dns, tcp, tls, HTTP/2 SETTINGS): --connect-timeout and
   * --max-time. Called only when a new connection is really opened; done() when that is over.
   */
  readonly connectLimit: () => ConnectLimit;
}

export interface ConnectLimit {
  readonly signal: AbortSignal;
  done(): void;
}

export interface Acquired {
  readonly connection: ProtocolConnection;
  readonly reused: boolean;
}

export interface ConnectionPool {
  /** Hands out an idle live connection for the request's key, or connects a new one. */
  acquire(request: ConnectionRequest): Promise<Acquired>;
  closeAll(): void;
}

/** The last key worked out for a request's (unchanging) options, with what else went into it. */
const knownKeys = new WeakMap<ConnectionRequest['options'], Pick<ConnectionRequest, 'target' | 'version' | 'altSvc'> & { readonly key: string }>();

/** The pool key, worked out once for the requests a spec's transfers share (-Z sends a thousand). */
function poolKey(r: ConnectionRequest): string {
  const known = knownKeys.get(r.options);
  if (known && known.target === r.target && known.version === r.version && known.altSvc === r.altSvc) return known.key;
  const key = buildPoolKey(r);
  knownKeys.set(r.options, { target: r.target, version: r.version, altSvc: r.altSvc, key });
  return key;
}

function buildPoolKey(r: ConnectionRequest): string {
  const t = r.target;
  // Not the proxy's credentials: a Digest answer differs for every CONNECT, and the tunnel it opened is as good.
  const proxy = r.options.proxy && { ...r.options.proxy, authorization: undefined };
  return JSON.stringify([t.host, t.port, t.connectHost, t.connectPort, r.options.tls, r.options.ipVersion, r.options.resolve, proxy, r.options.unixSocket, r.version, r.altSvc, r.options.bind, r.options.haproxy]);
}

/** Whether a connection for this request might carry several streams (h2 by ALPN or prior knowledge, h3). */
function mayMultiplex(r: ConnectionRequest): boolean {
  return r.version === '2-prior-knowledge' || (r.version !== '1.0' && r.version !== '1.1' && r.scheme === 'https');
}

export function createConnectionPool(): ConnectionPool {
  const byKey = new Map<string, ProtocolConnection[]>();
  /** Connects in progress, so parallel transfers wait to see whether the new connection multiplexes. */
  const connecting = new Map<string, Promise<unknown>>();
  let nextConnId = 0;
  const live = (key: string): ProtocolConnection[] => {
    const list = byKey.get(key);
    if (list && !list.some((c) => c.isClosed())) return list;
    const open = (list ?? []).filter((c) => !c.isClosed());
    byKey.set(key, open);
    return open;
  };
  return {
    async acquire(request) {
      const key = poolKey(request);
      for (;;) {
        const free = live(key).find((c) => c.reserveStream());
        if (free) {
          if (request.trace.wants('info')) {
            request.trace.emit({
              type: 'info', source: 'pool', connId: free.chain.connId,
              message: `Re-using existing connection #${free.chain.connId} with host ${request.target.host}`,
            });
          }
          return { connection: free, reused: true };
        }
        const inProgress = mayMultiplex(request) ? connecting.get(key) : undefined;
        if (!inProgress) break;
        await inProgress;
      }
      const connId = nextConnId++;
      const limit = request.connectLimit();
      const ctx = { target: request.target, options: request.options, signal: limit.signal, trace: request.trace, timings: request.timings, connId };
      const opening = openConnection(request, ctx);
      void opening.then(limit.done, limit.done);
      const settled = opening.catch(() => undefined);
      connecting.set(key, settled);
      try {
        const connection = await opening;
        connection.reserveStream();
        live(key).push(connection);
        return { connection, reused: false };
      } finally {
        if (connecting.get(key) === settled) connecting.delete(key);
      }
    },
    closeAll() {
      for (const list of byKey.values()) for (const c of list) c.close();
      byKey.clear();
    },
  };
}
