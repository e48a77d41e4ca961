// Production-client behaviours over HTTP/2, each provoked by a qurl serve switch or a hand-built server.
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPingDroppingProxy, startServe, type RunningServe } from '../../src/serve/index.js';
import { qurl } from '../helpers/run-qurl.js';

let goaway: RunningServe;
let smallLimits: RunningServe;
beforeAll(async () => {
  goaway = await startServe({ h2: { goawayAfter: 1 } });
  smallLimits = await startServe({ h2: { maxHeaderListSize: 300, headerTableSize: 128 } });
});
afterAll(async () => {
  await goaway.close();
  await smallLimits.close();
});

describe('HTTP/2 behaviours', () => {
  it('a server that sends GOAWAY after each response still serves a run of URLs', async () => {
    const u = `${goaway.h2cUrl}/bytes/10`;
    const r = await qurl(['-s', '--http2-prior-knowledge', '-o', '/dev/null', '-o', '/dev/null', '-o', '/dev/null', '-o', '/dev/null', '-w', '%{http_code}:%{num_connects} ', u, u, u, u]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('200:1 200:1 200:1 200:1 ');
  });

  it('closing a connection sends one GOAWAY (NO_ERROR), and the frame trace shows that one', async () => {
    const received: number[] = [];
    const server = http2.createServer((_req, res) => res.end('ok'));
    server.on('session', (session) => session.on('goaway', (code) => received.push(code)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const r = await qurl(['-sS', '--http2-prior-knowledge', '--trace-frames', '-', '-o', '/dev/null', `http://127.0.0.1:${(server.address() as AddressInfo).port}/`]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.close();
    expect(r.exitCode).toBe(0);
    expect(r.stdout.match(/send GOAWAY frame/g)).toHaveLength(1);
    expect(received).toEqual([http2.constants.NGHTTP2_NO_ERROR]);
  });

  it('the peer\'s SETTINGS_MAX_HEADER_LIST_SIZE is enforced before sending; nothing reaches the server', async () => {
    let streams = 0;
    const server = http2.createServer({ settings: { maxHeaderListSize: 300 } }, (_req, res) => res.end('ok'));
    server.on('stream', () => streams++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const r = await qurl(['-sS', '--http2-prior-knowledge', '-H', `X-Big: ${'x'.repeat(400)}`, url]);
    const ok = await qurl(['-sS', '--http2-prior-knowledge', url]);
    server.close();
    expect(r.exitCode).toBe(16);
    expect(r.stderr).toMatch(/over the server's SETTINGS_MAX_HEADER_LIST_SIZE of 300; nothing was sent/);
    expect(ok.stdout).toBe('ok');
    expect(streams).toBe(1);
  });

  it('a server announcing SETTINGS_ENABLE_PUSH=0 and a small table is accepted silently', async () => {
    const u = `${smallLimits.h2cUrl}/get`;
    const r = await qurl(['-sS', '--http2-prior-knowledge', '-w', '%{http_code}', '-o', '/dev/null', '-o', '/dev/null', u, u]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('200200');
  });

  it('REFUSED_STREAM before any response: the request is sent again', async () => {
    let refused = 0;
    const server = http2.createServer();
    server.on('stream', (stream) => {
      stream.on('error', () => {});
      if (refused++ === 0) return void stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
      stream.respond({ ':status': 200 });
      stream.end('served');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const r = await qurl(['-v', '--http2-prior-knowledge', '-w', ' %{num_connects}', url]);
    server.close();
    // RST_STREAM(REFUSED_STREAM) leaves the connection usable, so the second try may use it again
    expect(r.stdout).toBe('served 1');
    expect(r.stderr).toMatch(/Retrying: the server did not process the request on connection #0 \(GOAWAY, REFUSED_STREAM or H3_REQUEST_REJECTED\), sending it again/);
  });
});

describe('HTTP/2 keepalive', () => {
  it('an unanswered PING retires the connection; the waiting GET goes again on a fresh one', async () => {
    const served = await startServe();
    const port = Number(new URL(served.h2cUrl).port);
    // Only the first connection swallows PINGs.
    const proxy = await startPingDroppingProxy('127.0.0.1', port, (n) => n === 0);
    const r = await qurl(['-v', '--http2-prior-knowledge', '--h2-keepalive', '0.2', '--h2-keepalive-timeout', '0.3', '-w', '\n%{num_connects}', '-o', '/dev/null', `http://127.0.0.1:${proxy.port}/delay/1500`]);
    await proxy.close();
    await served.close();
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/PING not acknowledged within 0\.3 s: connection #0 retired/);
    expect(r.stderr).toMatch(/Retrying: connection #0 was retired after an unanswered PING, sending the request again on a fresh connection/);
    expect(r.stdout).toBe('\n2');
  });

  it('a peer that never answers PINGs cannot hang qurl: exit 16 with the reason', async () => {
    const served = await startServe();
    const r = await qurl(['-sS', '--http2-prior-knowledge', '--h2-keepalive', '0.2', '--h2-keepalive-timeout', '0.2', `${served.h2cNoPingUrl}/delay/5000`]);
    await served.close();
    expect(r.exitCode).toBe(16);
    expect(r.stderr).toMatch(/did not answer a PING within 0\.2 s \(--h2-keepalive-timeout\)/);
  });

  it('--no-h2-keepalive sends no PING', async () => {
    const served = await startServe();
    const r = await qurl(['-s', '--http2-prior-knowledge', '--no-h2-keepalive', '--trace-frames', '%', '-o', '/dev/null', `${served.h2cUrl}/delay/300`]);
    const withPings = await qurl(['-s', '--http2-prior-knowledge', '--h2-keepalive', '0.1', '--trace-frames', '%', '-o', '/dev/null', `${served.h2cUrl}/delay/300`]);
    await served.close();
    expect(r.stderr).not.toMatch(/send PING frame/);
    expect(withPings.stderr).toMatch(/send PING frame <length=8, flags=0x00, stream_id=0>/);
    expect(withPings.stderr).toMatch(/recv PING frame <length=8, flags=0x01, stream_id=0>\n {10}; ACK/);
  });
});

describe('HTTP/2 odds and ends', () => {
  async function h2Server(onStream: (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void, settings: http2.Settings = {}) {
    const server = http2.createServer({ settings });
    let streams = 0;
    server.on('stream', (stream, headers) => {
      streams++;
      stream.on('error', () => {});
      onStream(stream, headers);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, streams: () => streams, close: () => server.close() };
  }

  it('a server SETTINGS with ENABLE_PUSH=0 is accepted silently', async () => {
    const s = await h2Server((stream) => stream.respond({ ':status': 204 }, { endStream: true }), { enablePush: false });
    const r = await qurl(['-sS', '--http2-prior-knowledge', '--trace-frames', '-', '-w', '\n%{http_code}\n', s.url]);
    s.close();
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/recv SETTINGS frame <length=\d+, flags=0x00, stream_id=0>\n {10}\(niv=\d+\)\n(?: {10}\[.*\]\n)*? {10}\[SETTINGS_ENABLE_PUSH\(0x02\):0\]/);
    expect(r.stdout).toMatch(/\n204\n/);
  });

  it('RST_STREAM with PROTOCOL_ERROR is never retried: 92, one stream at the server', async () => {
    const s = await h2Server((stream) => stream.close(http2.constants.NGHTTP2_PROTOCOL_ERROR));
    const r = await qurl(['-sS', '--http2-prior-knowledge', s.url]);
    s.close();
    expect(r.exitCode).toBe(92);
    expect(r.stderr).toMatch(/PROTOCOL_ERROR \(err 1\)/);
    expect(s.streams()).toBe(1);
  });

  it('HEAD and an interim 103 response', async () => {
    const s = await h2Server((stream, headers) => {
      if (headers[':method'] === 'HEAD') return void stream.respond({ ':status': 200, 'content-length': '42' }, { endStream: true });
      stream.additionalHeaders({ ':status': 103, link: '</style.css>; rel=preload' });
      stream.respond({ ':status': 200 });
      stream.end('final');
    });
    const head = await qurl(['-sS', '-I', '--http2-prior-knowledge', s.url]);
    expect(head.stdout).toMatch(/^HTTP\/2 200\r\ncontent-length: 42\r\n(date: [^\r]+\r\n)?\r\n$/);
    const early = await qurl(['-sS', '-i', '--http2-prior-knowledge', s.url]);
    s.close();
    expect(early.stdout).toMatch(/^HTTP\/2 103\r\nlink: <\/style\.css>; rel=preload\r\n\r\nHTTP\/2 200\r\n/);
    expect(early.stdout.endsWith('final')).toBe(true);
  });
});
