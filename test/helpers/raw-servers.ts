// Small loopback servers that misbehave on purpose, each owned and closed by the test that starts it.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Running {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

function track(server: net.Server): () => Promise<void> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

function listen(server: net.Server, scheme = 'http'): Promise<Running> {
  const close = track(server);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ port, url: `${scheme}://127.0.0.1:${port}`, close });
    });
  });
}

/** Accepts, reads, answers with whatever `reply` writes (or nothing). */
export function startRawServer(onConnection: (socket: net.Socket, received: Buffer[]) => void): Promise<Running & { received: Buffer[] }> {
  const received: Buffer[] = [];
  const server = net.createServer((socket) => {
    socket.on('data', (d) => received.push(d));
    socket.on('error', () => {});
    onConnection(socket, received);
  });
  return listen(server).then((r) => ({ ...r, received }));
}

/** An HTTP server whose handler the test writes; it also records every request head it got. */
export function startHttpServer(
  handler: http.RequestListener,
): Promise<Running & { requests: { method: string; url: string; headers: Record<string, string>; rawHeaders: string[]; body: string; remotePort: number }[] }> {
  const requests: { method: string; url: string; headers: Record<string, string>; rawHeaders: string[]; body: string; remotePort: number }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers as Record<string, string>,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString('latin1'),
        remotePort: req.socket.remotePort ?? 0,
      });
      handler(req, res);
    });
  });
  return listen(server).then((r) => ({ ...r, requests }));
}

export function startHttpsServer(options: https.ServerOptions, handler: http.RequestListener): Promise<Running> {
  return listen(https.createServer(options, handler), 'https');
}
