// TLS servers for the knob tests, on 127.0.0.1 port 0: each answers one HTTP/1.1 request with what it saw of
// the handshake ("TLSv1.3 TLS_AES_256_GCM_SHA384 -" or the client certificate's CN) and closes.
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import type { TestPki } from './tls-pki.js';

export interface KnobServer {
  readonly url: string;
  readonly port: number;
  /** What each handshake negotiated, in order. */
  readonly seen: { protocol: string; cipher: string; clientCn: string }[];
  close(): Promise<void>;
}

export interface KnobServerOptions {
  readonly minVersion?: tls.SecureVersion;
  readonly maxVersion?: tls.SecureVersion;
  /** Ask for a client certificate signed by the test CA, and refuse a handshake without one. */
  readonly requireClientCert?: boolean;
}

export function startKnobServer(pki: TestPki, options: KnobServerOptions = {}): Promise<KnobServer> {
  const seen: KnobServer['seen'] = [];
  const server = tls.createServer(
    {
      key: readFileSync(pki.serverKey),
      cert: readFileSync(pki.serverCert),
      ca: readFileSync(pki.ca),
      minVersion: options.minVersion,
      maxVersion: options.maxVersion,
      // The server picks among the shared ciphers, so curl and qurl (different client orders) get the same one.
      honorCipherOrder: true,
      requestCert: options.requireClientCert === true,
      rejectUnauthorized: options.requireClientCert === true,
    },
    (socket) => {
      const peer = socket.getPeerCertificate();
      const entry = { protocol: socket.getProtocol() ?? '?', cipher: socket.getCipher().standardName, clientCn: typeof peer?.subject?.CN === 'string' ? peer.subject.CN : '-' };
      seen.push(entry);
      let head = '';
      socket.on('data', (d: Buffer) => {
        head += d.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        const body = `${entry.protocol} ${entry.cipher} ${entry.clientCn}\n`;
        socket.end(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      });
      socket.on('error', () => {});
    },
  );
  server.on('tlsClientError', () => {});
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `https://127.0.0.1:${port}`,
        port,
        seen,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
