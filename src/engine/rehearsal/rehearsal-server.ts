// The peer of a rehearsal (rehearsal.ts): an in-process server on 127.0.0.1 that answers every request with a
// two-byte 200 — HTTP/1.1 on plain TCP, HTTP/2 by prior knowledge, and either by ALPN over TLS.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

// A throwaway self-signed P-256 certificate for localhost and 127.0.0.1, valid until 2126. It only ever
// answers this process's own rehearsal on loopback (which does not verify it): it guards nothing.
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgwjrWe59Hdi3rHQx1
+oqwGNa5YSF1ZtHqalvVguRRQH+hRANCAARYCSs0Ud6jI0FNZgrx16qJy/4Pytf/
qZmf+1B4hSWtTk4rxy4wOpa5L5Rcq7NrwjqC0e+3j4KDAiWhr0H+v2me
-----END PRIVATE KEY-----
`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUHze+yQrzoy+FM0H6gSfr+M7qmF8wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwMjA2NTczMFoYDzIxMjYxMTA4
MDY1NzMwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARYCSs0Ud6jI0FNZgrx16qJy/4Pytf/qZmf+1B4hSWtTk4rxy4wOpa5
L5Rcq7NrwjqC0e+3j4KDAiWhr0H+v2meo28wbTAdBgNVHQ4EFgQU60u/H3nR4013
JUEpSaxSwxjdR28wHwYDVR0jBBgwFoAU60u/H3nR4013JUEpSaxSwxjdR28wDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIhAOhUAd1x6tlZekCVYLpNdDrU1/e6HIC4/Y/eKPuc2lO2AiBX
yxtVRA0dRRe4SnZTA8HLUU/hZmbugrZxl9tIR9ksSw==
-----END CERTIFICATE-----
`;

export type RehearsalProtocol = 'h1' | 'h2c' | 'tls';

export interface RehearsalServer {
  readonly port: number;
  close(): void;
}

function answerHttp1(socket: Socket): void {
  let head = '';
  socket.on('data', (chunk: Buffer) => {
    head += chunk.toString('latin1');
    if (!head.includes('\r\n\r\n')) return;
    socket.end(head.startsWith('HEAD ') ? 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n' : 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
  });
  socket.on('error', () => socket.destroy());
}

async function listen(server: Server | import('node:http2').Http2Server | import('node:http2').Http2SecureServer): Promise<RehearsalServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

export async function startRehearsalServer(protocol: RehearsalProtocol): Promise<RehearsalServer> {
  if (protocol === 'h1') return listen(createServer(answerHttp1));
  const http2 = await import('node:http2');
  const respond = (_req: unknown, res: import('node:http2').Http2ServerResponse): void => {
    res.writeHead(200, { 'content-length': '2' });
    res.end('ok');
  };
  if (protocol === 'h2c') return listen(http2.createServer(respond));
  return listen(http2.createSecureServer({ key: KEY, cert: CERT, allowHTTP1: true }, respond as never));
}
