// qurl serve's Server-Sent Events endpoints (HTTP/1.1 and HTTP/2 alike, through the compatibility API).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handler } from './route-helpers.js';

const EVENT_STREAM = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' };

function num(url: URL, name: string, fallback: number): number {
  const v = Number(url.searchParams.get(name));
  return url.searchParams.has(name) && Number.isFinite(v) && v >= 0 ? v : fallback;
}

/**
 * Drops the stream: under HTTP/1.1 the socket closes (after what was written went out); under HTTP/2 the
 * stream ends, since RST_STREAM would discard DATA still queued and closing the session would drop every
 * other client's streams too. Either way the client has to reconnect.
 */
function drop(req: IncomingMessage, res: ServerResponse): void {
  if ((res as unknown as { stream?: unknown }).stream) return void res.end();
  // Node 22+ corks a response's writes until the next tick: close only once they reached the socket.
  setImmediate(() => req.socket.destroySoon());
}

/** /sse/numbers?count=N&drop_every=M&retry=MS&interval=MS: events 1..N, resuming after Last-Event-ID. */
const numbers: Handler = (req, res, url) => {
  const count = num(url, 'count', 10);
  const dropEvery = num(url, 'drop_every', 0);
  const interval = num(url, 'interval', 0);
  const last = Number(req.headers['last-event-id'] ?? 0);
  let next = Number.isInteger(last) && last > 0 ? last + 1 : 1;
  res.writeHead(200, EVENT_STREAM);
  if (url.searchParams.has('retry')) res.write(`retry: ${num(url, 'retry', 3000)}\n\n`);
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    while (next <= count) {
      if (dropEvery && sent === dropEvery) return drop(req, res);
      const ok = res.write(`id: ${next}\ndata: ${next}\n\n`);
      next++;
      sent++;
      if (interval) return void (timer = setTimeout(tick, interval));
      if (!ok) return void res.once('drain', tick);
    }
    res.end();
  };
  res.on('close', () => clearTimeout(timer));
  tick();
};

/** /sse/heartbeat?interval=MS&beats=N: comments only, then one event. */
const heartbeat: Handler = (_req, res, url) => {
  const interval = num(url, 'interval', 200);
  let beats = num(url, 'beats', 3);
  res.writeHead(200, EVENT_STREAM);
  const timer = setInterval(() => {
    if (beats-- > 0) return void res.write(': ping\n\n');
    clearInterval(timer);
    res.end('event: done\ndata: after heartbeats\n\n');
  }, interval);
  res.on('close', () => clearInterval(timer));
};

export const SSE_ROUTES: readonly (readonly [RegExp, Handler])[] = [
  [/^\/sse\/numbers$/, numbers],
  [/^\/sse\/heartbeat$/, heartbeat],
  [/^\/sse\/no-content$/, (_req, res) => void res.writeHead(204).end()],
  [/^\/sse\/wrong-type$/, (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('data: nope\n\n')],
];
