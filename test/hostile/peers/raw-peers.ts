// Raw TCP peers for the hostile tables: they answer the first bytes a client sends with what the case scripts.
import type net from 'node:net';
import { startRawServer } from '../../helpers/raw-servers.js';
import type { Peer } from '../hostile-case.js';

/** A server that runs `onConnection` for every client. */
export function rawPeer(onConnection: (socket: net.Socket) => void): () => Promise<Peer> {
  return () => startRawServer((socket) => onConnection(socket));
}

/** Answers the request with `reply` and closes. */
export function replyThenClose(reply: string | Buffer): () => Promise<Peer> {
  return rawPeer((socket) => socket.once('data', () => socket.end(reply)));
}

/** Answers the request with `reply` and keeps the connection open. */
export function replyAndHold(reply: string | Buffer): () => Promise<Peer> {
  return rawPeer((socket) => socket.once('data', () => socket.write(reply)));
}

/** Writes `chunk` every `ms` once the request arrived, until the client goes. */
export function drip(head: string, chunk: string | Buffer, ms: number): () => Promise<Peer> {
  return rawPeer((socket) =>
    socket.once('data', () => {
      socket.write(head);
      const timer = setInterval(() => socket.write(chunk), ms);
      socket.on('close', () => clearInterval(timer));
    }),
  );
}

export function ok(body: string, extra = ''): string {
  return `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;
}
