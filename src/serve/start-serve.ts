// startServe: the loopback test server (HTTP/1.1, TLS with h2, h2c, HTTP/3) used by the demo, by users and by the tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QurlError, errorCode } from '../errors/index.js';
import { generateCertificates } from './certificates.js';
import { isGrpcRequest, serveGrpc } from './grpc/grpc-route.js';
import { startH3Server, type H3Server } from './h3-server.js';
import type { H3Switches } from './h3-switches.js';
import { startPingDroppingProxy } from './ping-dropping-proxy.js';
import { authorityOf, type Handler } from './route-helpers.js';
import { ROUTES } from './routes.js';

export interface ServeOptions {
  readonly host?: string;
  readonly port?: number;
  readonly tlsPort?: number;
  readonly h2cPort?: number;
  /** HTTP/2 switches that provoke a client's edge cases. */
  readonly h2?: H2Switches;
  /** Where to write the CA certificate (a temp file when absent). */
  readonly caFile?: string;
  /** HTTP/3 on the TLS port's number over UDP (default true; needs the QUIC binding). */
  readonly h3?: boolean;
  /** HTTP/3 switches that provoke a client's pool and retry edge cases. */
  readonly h3Switches?: H3Switches;
}

export interface H2Switches {
  /** Serve this many streams per connection, then GOAWAY (NO_ERROR); later streams are never processed. */
  readonly goawayAfter?: number;
  /** SETTINGS_HEADER_TABLE_SIZE to announce (a small one makes clients emit table size updates). */
  readonly headerTableSize?: number;
  /** SETTINGS_MAX_HEADER_LIST_SIZE to announce. */
  readonly maxHeaderListSize?: number;
}

/**
 * --goaway-after N: a connection serves its first N streams; streams beyond them are left unanswered, and once
 * the N-th response is done the server sends GOAWAY with the N-th stream as last-stream-id, so the client
 * learns they were never processed (RFC 9113 §6.8) and may send them again elsewhere.
 */
function limitStreams(n: number, handle: (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void) {
  const served = new WeakMap<http2.Http2Session, { count: number; last: number }>();
  return (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse): void => {
    const session = req.stream?.session;
    if (!session) return handle(req, res);
    const state = served.get(session) ?? { count: 0, last: 0 };
    served.set(session, state);
    if (state.count >= n) return;
    state.count++;
    state.last = Math.max(state.last, req.stream.id ?? 0);
    if (state.count === n) res.once('finish', () => !session.closed && session.goaway(http2.constants.NGHTTP2_NO_ERROR, state.last));
    handle(req, res);
  };
}

export interface RunningServe {
  readonly httpUrl: string;
  /** TLS with ALPN h2 and http/1.1. */
  readonly httpsUrl: string;
  /** HTTP/3 on the same port number over UDP; null when off or when QUIC is unavailable (h3Problem says why). */
  readonly h3Url: string | null;
  readonly h3Problem: string | null;
  /** Cleartext HTTP/2 by prior knowledge (h2c, no Upgrade). */
  readonly h2cUrl: string;
  /** The same h2c server behind a proxy that swallows the client's PINGs (keepalive timeouts). */
  readonly h2cNoPingUrl: string;
  readonly caFile: string;
  readonly caPem: string;
  close(): Promise<void>;
}

function dispatch(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (isGrpcRequest(req)) return void serveGrpc(req, res).catch(() => res.destroy());
  const url = new URL(req.url ?? '/', `http://${authorityOf(req)}`);
  for (const [pattern, handler] of ROUTES) {
    const m = pattern.exec(url.pathname);
    if (m) {
      void Promise.resolve((handler as Handler)(req, res, url, m)).catch(() => res.destroy());
      return;
    }
  }
  res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Length': 10 });
  res.end('not found\n');
}

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(toListenError(err, host, port)));
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** curl's 45 (CURLE_INTERFACE_FAILED) for an address qurl serve cannot bind, with what to do about it. */
function toListenError(err: unknown, host: string, port: number): QurlError {
  const code = errorCode(err);
  const why = code === 'EADDRINUSE' ? 'is in use (pick another with its option, or 0 for any free port)' : code === 'EADDRNOTAVAIL' ? 'is not an address of this machine' : `cannot be bound (${err instanceof Error ? err.message : String(err)})`;
  return new QurlError('bind-failed', `qurl serve: ${host} port ${port} ${why}`, { cause: err });
}

/** Sockets of both h2-capable servers, so close() does not wait for idle clients. */
function trackSessions(...servers: net.Server[]): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  for (const s of servers) {
    s.on('connection', (socket: net.Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  }
  return sockets;
}

export async function startServe(options: ServeOptions = {}): Promise<RunningServe> {
  const host = options.host ?? '127.0.0.1';
  const certs = await generateCertificates();
  const caFile = options.caFile ?? join(mkdtempSync(join(tmpdir(), 'qurl-serve-')), 'ca.pem');
  writeFileSync(caFile, certs.caPem);
  const plain = http.createServer(dispatch);
  plain.keepAliveTimeout = 30_000;
  // The compatibility API hands h1 and h2 requests to the same routes. Like caddy, the TLS port's responses
  // advertise HTTP/3 once it is up (clients with --alt-svc learn it); h2c and h3 responses do not.
  let altSvc: string | null = null;
  const routes = (advertise: boolean): ((req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void) => {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      if (advertise && altSvc) res.setHeader('alt-svc', altSvc);
      dispatch(req, res);
    };
    const compat = handler as unknown as (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void;
    return options.h2?.goawayAfter ? limitStreams(options.h2.goawayAfter, compat) : compat;
  };
  const settings = { headerTableSize: options.h2?.headerTableSize, maxHeaderListSize: options.h2?.maxHeaderListSize };
  const secure = http2.createSecureServer({ key: certs.keyPem, cert: certs.certPem, allowHTTP1: true, settings }, routes(true));
  const h2c = http2.createServer({ settings }, routes(false));
  const sessions = trackSessions(secure, h2c);
  const port = await listen(plain, options.port ?? 0, host);
  const tlsPort = await listen(secure, options.tlsPort ?? 0, host);
  const h2cPort = await listen(h2c, options.h2cPort ?? 0, host);
  const noPing = await startPingDroppingProxy(host, h2cPort);
  let h3: H3Server | null = null;
  let h3Problem: string | null = options.h3 === false ? 'turned off' : null;
  if (options.h3 !== false) {
    try {
      h3 = await startH3Server(host, tlsPort, certs.certPem, certs.keyPem, dispatch, options.h3Switches);
      altSvc = `h3=":${h3.port}"; ma=86400`;
    } catch (err) {
      h3Problem = err instanceof Error ? err.message : String(err);
    }
  }
  const name = host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
  return {
    httpUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    httpsUrl: `https://${name}:${tlsPort}`,
    h3Url: h3 ? `https://${name}:${h3.port}` : null,
    h3Problem,
    h2cUrl: `http://${host.includes(':') ? `[${host}]` : host}:${h2cPort}`,
    h2cNoPingUrl: `http://${host.includes(':') ? `[${host}]` : host}:${noPing.port}`,
    caFile,
    caPem: certs.caPem,
    async close() {
      plain.closeAllConnections();
      await noPing.close();
      await h3?.close();
      for (const s of sessions) s.destroy();
      await Promise.all([plain, secure, h2c].map((s) => new Promise((r) => s.close(r))));
    },
  };
}
