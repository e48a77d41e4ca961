// qurl sse against raw-socket servers that misbehave (issue 9, "Hostile servers"): endless comments, NUL in id,
// huge and zero retry:, instant drops, a 100 MB line, an event that never ends. Each run is bounded, ends with the
// right exit code and one clear line, keeps the events that came first, and holds its memory (peak RSS) down.
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { hermeticEnv, QURL_BIN } from '../helpers/run-qurl.js';

const HEAD = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n';
const TOO_LARGE = 'qurl: (100) An event grew past --max-event-size (4194304 bytes) before its blank line (no reconnect)\n';
/** qurl at rest is about 55 MB; a run that buffered what these servers send would pass 500 MB. */
const RSS_BOUND_KB = 200 * 1024;

interface SseServer {
  readonly url: string;
  /** Each request head, in order; its index is the connection's number. */
  readonly requests: string[];
  /** Bytes written to all connections so far. */
  written(): number;
  close(): Promise<void>;
}

/** A server that reads each request head, then lets `behave` write whatever it likes on the socket. */
async function startSseServer(behave: (socket: net.Socket, n: number, write: (text: string | Buffer) => boolean) => void): Promise<SseServer> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  let written = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      requests.push(head);
      const write = (text: string | Buffer): boolean => {
        written += text.length;
        return socket.write(text);
      };
      behave(socket, requests.length - 1, write);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`,
    requests,
    written: () => written,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes `piece` for as long as the socket takes it, honouring backpressure, until the peer goes. */
function pump(socket: net.Socket, write: (text: string | Buffer) => boolean, piece: Buffer, times = Infinity): void {
  let left = times;
  const more = (): void => {
    while (left > 0 && !socket.destroyed) {
      left--;
      if (!write(piece)) return void socket.once('drain', more);
    }
    if (left === 0) socket.end();
  };
  more();
}

interface MeasuredRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly ms: number;
  readonly peakRssKb: number;
}

/** Runs the built CLI under /usr/bin/time for its peak RSS (written to a file, so stderr stays qurl's). */
async function qurlMeasured(args: readonly string[]): Promise<MeasuredRun> {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'qurl-rss-')), 'rss');
  const started = performance.now();
  const r = await execa('/usr/bin/time', ['-q', '-f', '%M', '-o', rssFile, 'node', QURL_BIN, ...args], {
    reject: false, env: hermeticEnv(), extendEnv: false, stripFinalNewline: false, timeout: 60_000,
  });
  return {
    stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? -1, ms: performance.now() - started,
    peakRssKb: Number(readFileSync(rssFile, 'utf8').trim()),
  };
}

let server: SseServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('qurl sse against hostile servers (issue 9)', () => {
  it('endless comments: kept as life for --idle-timeout, never buffered; --for ends the run with exit 0', async () => {
    const comment = Buffer.from(`: ${'keepalive '.repeat(100)}\n`.repeat(64));
    server = await startSseServer((socket, _n, write) => {
      write(`${HEAD}data: first\n\n`);
      pump(socket, write, comment);
    });
    const r = await qurlMeasured(['sse', '--format', 'data', '--idle-timeout', '1', '--for', '3s', server.url]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('first\n');
    expect(r.stderr).toBe('');
    expect(server.requests).toHaveLength(1);
    // More went through than the whole bound (1.6 GB in 3 s on an idle machine, at about 80 MB peak RSS).
    expect(server.written()).toBeGreaterThan(RSS_BOUND_KB * 1024);
    expect(r.peakRssKb).toBeLessThan(RSS_BOUND_KB);
  });

  it('an id with NUL is ignored: the events keep the last good id, and the reconnect sends it', async () => {
    server = await startSseServer((socket, n, write) => {
      if (n > 0) return void socket.end('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n');
      socket.end(`${HEAD}id: 1\ndata: a\n\nid: x\0y\ndata: b\n\n`);
    });
    const r = await qurlMeasured(['sse', '--format', 'json', '--retry-delay', '10ms', '--max-reconnects', '1', server.url]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string; data: string }))).toEqual([
      expect.objectContaining({ id: '1', data: 'a' }),
      expect.objectContaining({ id: '1', data: 'b' }),
    ]);
    expect(server.requests[1]).toMatch(/\r\nLast-Event-ID: 1\r\n/);
  });

  it("a retry: beyond the timer range is held to 1 h, not run after 1 ms: one connection in 3 s", async () => {
    server = await startSseServer((socket, _n, write) => {
      write(`${HEAD}retry: 99999999999999\ndata: a\n\n`);
      socket.end();
    });
    const r = await qurlMeasured(['sse', '-v', '--format', 'data', '--for', '3s', server.url]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('a\n');
    expect(r.stderr).toMatch(/^\* Stream ended; reconnecting in 3600000 ms \(the server's retry: 99999999999999 held to 3600000 ms\)$/m);
    expect(r.stderr).not.toMatch(/Warning|internal error|\n\s+at /);
    expect(server.requests).toHaveLength(1);
  });

  it('retry: 0 and an instant drop, again and again: backed off from 1 s, a handful of connections in 5 s', async () => {
    server = await startSseServer((socket, _n, write) => {
      write(`${HEAD}retry: 0\n\n`);
      socket.end();
    });
    const r = await qurlMeasured(['sse', '--format', 'data', '--for', '5s', server.url]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    // 1 s, then 1.6–2 s, then 3.2–4 s: connections at 0, 1, ~2.8 s (and ~6 s, after --for).
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeLessThanOrEqual(6);
  });

  it('a server that closes before any byte: backed off, not thousands of reconnects', async () => {
    server = await startSseServer((socket) => void socket.destroy());
    const r = await qurlMeasured(['sse', '--format', 'data', '--for', '5s', server.url]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    // 3 s (the default retry), then 4.8–6 s.
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
    expect(server.requests.length).toBeLessThanOrEqual(6);
  });

  it('50 drops with a 1 ms --retry-delay: 51 connections, every event, and no MaxListenersExceededWarning', async () => {
    server = await startSseServer((socket, n) => void socket.end(`${HEAD}id: ${n + 1}\ndata: ${n + 1}\n\n`));
    const r = await qurlMeasured(['sse', '--format', 'data', '--retry-delay', '1ms', '--max-reconnects', '50', server.url]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(Array.from({ length: 51 }, (_, k) => `${k + 1}\n`).join(''));
    expect(r.stderr).toBe('');
    expect(server.requests).toHaveLength(51);
  });

  it('a 100 MB line fails fast with the size error (exit 100), keeps the event before it, and never reconnects', async () => {
    server = await startSseServer((socket, _n, write) => {
      write(`${HEAD}data: ok\n\ndata: `);
      pump(socket, write, Buffer.alloc(1024 * 1024, 'a'), 100);
    });
    const r = await qurlMeasured(['sse', '--format', 'data', '-m', '60', server.url]);
    expect(r.exitCode).toBe(100);
    expect(r.stdout).toBe('ok\n');
    expect(r.stderr).toBe(TOO_LARGE);
    expect(server.requests).toHaveLength(1);
    // Linear takes well under a second (plus node's start); the old rescan from the line's start took minutes.
    expect(r.ms).toBeLessThan(10_000);
    expect(r.peakRssKb).toBeLessThan(RSS_BOUND_KB);
  }, 60_000);

  it('an event whose data never ends fails at --max-event-size, with memory held down', async () => {
    server = await startSseServer((socket, _n, write) => {
      write(`${HEAD}data: ok\n\n`);
      pump(socket, write, Buffer.from(`data: ${'x'.repeat(1000)}\n`.repeat(64)));
    });
    const r = await qurlMeasured(['sse', '--format', 'data', '--for', '30s', server.url]);
    expect(r.exitCode).toBe(100);
    expect(r.stdout).toBe('ok\n');
    expect(r.stderr).toBe(TOO_LARGE);
    expect(server.requests).toHaveLength(1);
    expect(r.peakRssKb).toBeLessThan(RSS_BOUND_KB);
  }, 60_000);

  it('--max-event-size 1k: a 1000-byte event passes, a 2000-byte one fails; 4M of data in one event passes the default', async () => {
    server = await startSseServer((socket, n) => {
      const size = [1000, 2000][n] ?? 0;
      socket.end(`${HEAD}data: ok\n\n${size ? `data:${'d'.repeat(size - 5)}\n\n` : ''}`);
    });
    const small = await qurlMeasured(['sse', '--format', 'data', '--max-event-size', '1k', '--retry-delay', '1ms', '--max-reconnects', '1', server.url]);
    expect(small.exitCode).toBe(100);
    expect(small.stdout).toBe(`ok\n${'d'.repeat(995)}\nok\n`);
    expect(small.stderr).toBe('qurl: (100) An event grew past --max-event-size (1024 bytes) before its blank line (no reconnect)\n');
    await server.close();
    server = await startSseServer((socket) => void socket.end(`${HEAD}data:${'d'.repeat(4 * 1024 * 1024 - 5)}\n\n`));
    const big = await qurlMeasured(['sse', '--format', 'data', '--max-reconnects', '0', server.url]);
    expect(big.exitCode).toBe(0);
    expect(big.stdout).toHaveLength(4 * 1024 * 1024 - 5 + 1);
  });

  it('a --max-event-size that is not a size is refused with exit 2', async () => {
    const r = await qurlMeasured(['sse', '--max-event-size', '4MB', 'http://127.0.0.1:9/']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('qurl: (2) --max-event-size needs a size in bytes, with an optional k, M or G suffix (got "4MB")\n');
  });
});
