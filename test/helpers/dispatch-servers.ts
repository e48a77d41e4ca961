// One node:http-style handler served over HTTP/1.1, HTTP/2 (TLS, ALPN h2) and HTTP/3, in-process, for tests that
// need to watch or steer the server side of an exchange the same way on every protocol.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCertificates, startH3Server, type H3Server } from '../../src/serve/index.js';

export type Dispatch = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface DispatchServers {
  /** qurl arguments and URL base per protocol. */
  readonly protocols: Readonly<Record<'h1' | 'h2' | 'h3', { readonly args: readonly string[]; readonly base: string }>>;
  /** TCP connections accepted by the h1 and h2 servers. */
  connections(): number;
  close(): Promise<void>;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

export async function startDispatchServers(dispatch: Dispatch): Promise<DispatchServers> {
  const certs = await generateCertificates();
  const caFile = join(mkdtempSync(join(tmpdir(), 'qurl-dispatch-')), 'ca.pem');
  writeFileSync(caFile, certs.caPem);
  const plain = http.createServer(dispatch);
  const secure = http2.createSecureServer({ key: certs.keyPem, cert: certs.certPem }, dispatch as never);
  const sockets = new Set<net.Socket>();
  let connections = 0;
  for (const s of [plain, secure]) {
    s.on('connection', (socket: net.Socket) => {
      connections++;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  }
  const h1Port = await listen(plain);
  const h2Port = await listen(secure);
  const h3: H3Server = await startH3Server('127.0.0.1', 0, certs.certPem, certs.keyPem, dispatch);
  return {
    protocols: {
      h1: { args: [], base: `http://127.0.0.1:${h1Port}` },
      h2: { args: ['--http2', '--cacert', caFile], base: `https://localhost:${h2Port}` },
      h3: { args: ['--http3-only', '--cacert', caFile], base: `https://localhost:${h3.port}` },
    },
    connections: () => connections,
    async close() {
      for (const s of sockets) s.destroy();
      await h3.close();
      await Promise.all([plain, secure].map((s) => new Promise((r) => s.close(r))));
    },
  };
}
