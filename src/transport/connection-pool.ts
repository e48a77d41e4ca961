// ConnectionPool: reuses live connections by origin and TLS settings (never by tuning knobs); opens new ones via the chain.
import { QurlError } from '../errors/index.js';
import type { TransferTimings, TransferTrace } from '../trace/index.js';
import { openChain, planChain, type ConnectOptions, type ConnectTarget, type ConnectionChain } from './connect/index.js';
import { createHttp1Connection } from './h1/index.js';
import type { HttpVersionChoice, KeepaliveSettings, ProtocolConnection } from './protocol-connection.js';

export interface ConnectionRequest {
  readonly target: ConnectTarget;
  readonly options: ConnectOptions;
  readonly scheme: 'http' | 'https';
  readonly version: HttpVersionChoice;
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

function poolKey(r: ConnectionRequest): string {
  const t = r.target;
  return JSON.stringify([t.host, t.port, t.connectHost, t.connectPort, r.options.tls, r.options.ipVersion, r.options.resolve, r.options.proxy, r.version]);
}

/** Picks the protocol the chain agreed on: ALPN h2, or h2c by prior knowledge, else HTTP/1.x. */
async function speak(chain: ConnectionChain, request: ConnectionRequest, signal: AbortSignal): Promise<ProtocolConnection> {
  const isH2 = chain.isTls ? chain.info.alpn === 'h2' : request.version === '2-prior-knowledge';
  if (!isH2) return createHttp1Connection(chain, { http10: request.version === '1.0' });
  const { createHttp2Connection } = await import('./h2/index.js');
  try {
    return await createHttp2Connection(chain, { scheme: request.scheme, signal, trace: request.trace, keepalive: request.keepalive });
  } catch (err) {
    chain.close();
    if (signal.aborted && !(signal.reason instanceof QurlError)) {
      const { connectHost, connectPort } = request.target;
      throw new QurlError('timeout', `Connection timed out waiting for HTTP/2 SETTINGS from ${connectHost} port ${connectPort}`, { cause: err });
    }
    throw err;
  }
}

/** Whether a connection for this request might carry several streams (h2 by ALPN or prior knowledge, h3). */
function mayMultiplex(r: ConnectionRequest): boolean {
  return r.version === '2-prior-knowledge' || (r.version !== '1.0' && r.version !== '1.1' && r.scheme === 'https');
}

/** How long --http3 waits for a QUIC handshake before it falls back to TCP (UDP may be blocked on the way). */
const H3_ATTEMPT_MS = 1500;

type ChainContext = Parameters<typeof openChain>[1];

/** HTTP/3 over QUIC; --http3 falls back to TCP when it fails, --http3-only does not. Says why in -v. */
async function openConnection(request: ConnectionRequest, ctx: ChainContext): Promise<ProtocolConnection> {
  const tcp = async (): Promise<ProtocolConnection> => speak(await openChain(await planChain(request.target, request.options), ctx), request, ctx.signal);
  if (request.version !== '3' && request.version !== '3-only') return tcp();
  const { host, port } = request.target;
  if (request.scheme !== 'https') {
    if (request.version === '3-only') throw new QurlError('bad-url', 'HTTP/3 requested for non-HTTPS URL (HTTP/3 exists only for https://)');
    return tcp();
  }
  const proxy = request.options.proxy;
  if (proxy) {
    const kind = proxy.scheme.startsWith('socks') ? 'a SOCKS proxy' : 'an HTTP proxy';
    if (request.version === '3-only') throw new QurlError('bad-url', `HTTP/3 is not supported over ${kind}: its tunnel carries TCP only (drop --http3-only, or the proxy with --noproxy '*')`);
    request.trace.emit({ type: 'info', source: 'pool', message: `HTTP/3 is not supported over ${kind}: using TCP through the proxy instead (--http3)` });
    return tcp();
  }
  const attempt = request.version === '3' ? AbortSignal.any([ctx.signal, AbortSignal.timeout(H3_ATTEMPT_MS)]) : ctx.signal;
  try {
    const chain = await openChain(await planChain(request.target, { ...request.options, transport: 'quic' }), { ...ctx, signal: attempt });
    const { createHttp3Connection } = await import('./h3/index.js');
    return createHttp3Connection(chain, { trace: request.trace });
  } catch (err) {
    if (request.version === '3-only' || ctx.signal.aborted || !(err instanceof QurlError)) throw err;
    const why = attempt.aborted ? `no QUIC handshake within ${H3_ATTEMPT_MS} ms` : err.message;
    request.trace.emit({ type: 'info', source: 'pool', message: `HTTP/3 to ${host} port ${port} failed (${why}): falling back to TCP (--http3)` });
    return tcp();
  }
}

export function createConnectionPool(): ConnectionPool {
  const byKey = new Map<string, ProtocolConnection[]>();
  /** Connects in progress, so parallel transfers wait to see whether the new connection multiplexes. */
  const connecting = new Map<string, Promise<unknown>>();
  let nextConnId = 0;
  const live = (key: string): ProtocolConnection[] => {
    const list = (byKey.get(key) ?? []).filter((c) => !c.isClosed());
    byKey.set(key, list);
    return list;
  };
  return {
    async acquire(request) {
      const key = poolKey(request);
      for (;;) {
        const free = live(key).find((c) => c.reserveStream());
        if (free) {
          request.trace.emit({
            type: 'info', source: 'pool', connId: free.chain.connId,
            message: `Re-using existing connection #${free.chain.connId} with host ${request.target.host}`,
          });
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
