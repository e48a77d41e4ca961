// startServe: the loopback test server (HTTP/1.1 plain and TLS) used by the demo, by users and by the tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCertificates } from './certificates.js';
import type { Handler } from './route-helpers.js';
import { ROUTES } from './routes.js';

export interface ServeOptions {
  readonly host?: string;
  readonly port?: number;
  readonly tlsPort?: number;
  /** Where to write the CA certificate (a temp file when absent). */
  readonly caFile?: string;
}

export interface RunningServe {
  readonly httpUrl: string;
  readonly httpsUrl: string;
  readonly caFile: string;
  readonly caPem: string;
  close(): Promise<void>;
}

function dispatch(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
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

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startServe(options: ServeOptions = {}): Promise<RunningServe> {
  const host = options.host ?? '127.0.0.1';
  const certs = await generateCertificates();
  const caFile = options.caFile ?? join(mkdtempSync(join(tmpdir(), 'qurl-serve-')), 'ca.pem');
  writeFileSync(caFile, certs.caPem);
  const plain = http.createServer(dispatch);
  const secure = https.createServer({ key: certs.keyPem, cert: certs.certPem, ALPNProtocols: ['http/1.1'] }, dispatch);
  for (const s of [plain, secure]) s.keepAliveTimeout = 30_000;
  const port = await listen(plain, options.port ?? 0, host);
  const tlsPort = await listen(secure, options.tlsPort ?? 0, host);
  const name = host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
  return {
    httpUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    httpsUrl: `https://${name}:${tlsPort}`,
    caFile,
    caPem: certs.caPem,
    async close() {
      for (const s of [plain, secure]) s.closeAllConnections();
      await Promise.all([plain, secure].map((s) => new Promise((r) => s.close(r))));
    },
  };
}
