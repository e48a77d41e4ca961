// startServe: the loopback test server (HTTP/1.1 plain and TLS) used by the demo, by users and by the tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCertificates } from './certificates.js';
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
}

export interface H2Switches {
  /** Send GOAWAY (NO_ERROR) once a connection has answered this many streams. */
  readonly goawayAfter?: number;
  /** SETTINGS_HEADER_TABLE_SIZE to announce (a small one makes clients emit table size updates). */
  readonly headerTableSize?: number;
  /** SETTINGS_MAX_HEADER_LIST_SIZE to announce. */
  readonly maxHeaderListSize?: number;
}

/** Counts finished streams per session and sends GOAWAY after the n-th (RFC 9113 §6.8). */
function goawayAfter(server: http2.Http2Server | http2.Http2SecureServer, n: number): void {
  server.on('session', (session: http2.ServerHttp2Session) => {
    let done = 0;
    session.on('stream', (stream) => {
      stream.once('close', () => {
        if (++done === n && !session.closed) session.goaway(http2.constants.NGHTTP2_NO_ERROR);
      });
    });
  });
}

export interface RunningServe {
  readonly httpUrl: string;
  /** TLS with ALPN h2 and http/1.1. */
  readonly httpsUrl: string;
  /** Cleartext HTTP/2 by prior knowledge (h2c, no Upgrade). */
  readonly h2cUrl: string;
  /** The same h2c server behind a proxy that swallows the client's PINGs (keepalive timeouts). */
  readonly h2cNoPingUrl: string;
  readonly caFile: string;
  readonly caPem: string;
  close(): Promise<void>;
}

function dispatch(req: http.IncomingMessage, res: http.ServerResponse): void {
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
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
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
  // The compatibility API hands h1 and h2 requests to the same routes.
  const handle = dispatch as unknown as (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void;
  const settings = { headerTableSize: options.h2?.headerTableSize, maxHeaderListSize: options.h2?.maxHeaderListSize };
  const secure = http2.createSecureServer({ key: certs.keyPem, cert: certs.certPem, allowHTTP1: true, settings }, handle);
  const h2c = http2.createServer({ settings }, handle);
  if (options.h2?.goawayAfter) for (const s of [secure, h2c]) goawayAfter(s, options.h2.goawayAfter);
  const sessions = trackSessions(secure, h2c);
  const port = await listen(plain, options.port ?? 0, host);
  const tlsPort = await listen(secure, options.tlsPort ?? 0, host);
  const h2cPort = await listen(h2c, options.h2cPort ?? 0, host);
  const noPing = await startPingDroppingProxy(host, h2cPort);
  const name = host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
  return {
    httpUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    httpsUrl: `https://${name}:${tlsPort}`,
    h2cUrl: `http://${host.includes(':') ? `[${host}]` : host}:${h2cPort}`,
    h2cNoPingUrl: `http://${host.includes(':') ? `[${host}]` : host}:${noPing.port}`,
    caFile,
    caPem: certs.caPem,
    async close() {
      plain.closeAllConnections();
      await noPing.close();
      for (const s of sessions) s.destroy();
      await Promise.all([plain, secure, h2c].map((s) => new Promise((r) => s.close(r))));
    },
  };
}
