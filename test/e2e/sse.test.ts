// qurl sse against qurl serve over HTTP/1.1, HTTP/2 and HTTP/3: resume without gaps, --max-event-size, retry:, 204,
// bad types, formats, Ctrl-C.
import { execa } from 'execa';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { startHttpServer } from '../helpers/raw-servers.js';
import { hermeticEnv, qurl, QURL_BIN } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
beforeAll(async () => {
  serve = await withServe();
});
afterAll(() => serve.close());

const bases = (): [string, string, string[]][] => [
  ['HTTP/1.1', serve.httpUrl, []],
  ['HTTP/2', serve.httpsUrl, ['--cacert', serve.caFile]],
  ['HTTP/3', serve.h3Url ?? 'https://h3-unavailable.invalid', ['--http3-only', '--cacert', serve.caFile]],
];

describe('qurl sse', () => {
  it.each([0, 1, 2])('%i: 1000 events across drops every 100, no gap and no duplicate', async (i) => {
    const [name, base, extra] = bases()[i]!;
    const r = await qurl(['sse', ...extra, '--format', 'data', '--count', '1000', '--retry-delay', '5ms', `${base}/sse/numbers?count=1000&drop_every=100`]);
    expect(r.exitCode, name).toBe(0);
    expect(r.stdout.trim().split('\n').map(Number)).toEqual(Array.from({ length: 1000 }, (_, k) => k + 1));
  }, 60_000);

  it.each([0, 1, 2])('%i: an event over --max-event-size ends the run with 100 after the events before it', async (i) => {
    const [name, base, extra] = bases()[i]!;
    // 'data: 9' is 7 bytes, 'data: 10' is 8.
    const r = await qurl(['sse', ...extra, '--format', 'data', '--max-event-size', '7', `${base}/sse/numbers?count=12`]);
    expect(r.exitCode, name).toBe(100);
    expect(r.stdout).toBe('1\n2\n3\n4\n5\n6\n7\n8\n9\n');
    expect(r.stderr).toBe('qurl: (100) An event grew past --max-event-size (7 bytes) before its blank line (no reconnect)\n');
  });

  it("the server's retry: sets the reconnect delay (within 1 s … 1 h)", async () => {
    const r = await qurl(['sse', '--format', 'json', '--count', '4', `${serve.httpUrl}/sse/numbers?count=10&drop_every=2&retry=1500`]);
    expect(r.exitCode).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; received_at: string; retry: number });
    expect(events.map((e) => e.id)).toEqual(['1', '2', '3', '4']);
    const gap = Date.parse(events[2]!.received_at) - Date.parse(events[1]!.received_at);
    expect(gap).toBeGreaterThanOrEqual(1500);
    expect(events[0]!.retry).toBe(1500);
  });

  it('-v shows the reconnect with the Last-Event-ID sent and the delay', async () => {
    const r = await qurl(['sse', '-v', '--format', 'data', '--count', '3', '--retry-delay', '20ms', `${serve.httpUrl}/sse/numbers?count=10&drop_every=2`]);
    expect(r.stderr).toMatch(/^\* Stream failed \(.+\); reconnecting in 20 ms with Last-Event-ID: 2$/m);
    expect(r.stderr).toMatch(/^> Last-Event-ID: 2\r$/m);
    expect(r.stderr).toMatch(/^> Accept: text\/event-stream\r$/m);
  });

  it('--last-event-id starts after it; --event filters; --max-reconnects 0 never reconnects', async () => {
    const after = await qurl(['sse', '--format', 'data', '--last-event-id', '7', '--max-reconnects', '0', `${serve.httpUrl}/sse/numbers?count=9`]);
    expect(after.stdout).toBe('8\n9\n');
    expect(after.exitCode).toBe(0);
    const none = await qurl(['sse', '--format', 'data', '--event', 'other', '--max-reconnects', '0', `${serve.httpUrl}/sse/numbers?count=3`]);
    expect(none.stdout).toBe('');
  });

  it('204 means stop: exit 0', async () => {
    const r = await qurl(['sse', `${serve.httpUrl}/sse/no-content`]);
    expect(r.exitCode).toBe(0);
  });

  it('an untrusted certificate is final: exit 60 at once, no reconnect', async () => {
    const r = await qurl(['sse', '-v', `${serve.httpsUrl}/sse/numbers?count=3`]);
    expect(r.exitCode).toBe(60);
    expect(r.stderr).not.toMatch(/reconnecting/);
  });

  it('a wrong content type fails clearly, without reconnecting', async () => {
    const r = await qurl(['sse', '-sS', `${serve.httpUrl}/sse/wrong-type`]);
    expect(r.exitCode).toBe(8);
    expect(r.stderr).toMatch(/Content-Type text\/plain, not text\/event-stream \(no reconnect\)/);
  });

  it('--format raw passes the stream through; --for stops after a time', async () => {
    const r = await qurl(['sse', '--format', 'raw', '--for', '600ms', `${serve.httpUrl}/sse/numbers?count=1000&interval=100`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('id: 1\ndata: 1\n\n')).toBe(true);
  });

  it('--idle-timeout reconnects a silent stream; comments count as life', async () => {
    const beats = await qurl(['sse', '--format', 'data', '--idle-timeout', '0.5', '--max-reconnects', '0', `${serve.httpUrl}/sse/heartbeat?interval=200&beats=4`]);
    expect(beats.stdout).toBe('after heartbeats\n');
    const silent = await qurl(['sse', '-v', '--format', 'data', '--idle-timeout', '0.3', '--max-reconnects', '1', '--retry-delay', '10ms', `${serve.httpUrl}/delay/5000`]);
    expect(silent.stderr).toMatch(/nothing arrived for 300 ms \(--idle-timeout\)/);
  });

  it('Ctrl-C ends with exit 0 after writing what arrived', async () => {
    const child = execa('node', [QURL_BIN, 'sse', '--format', 'data', `${serve.httpUrl}/sse/numbers?count=100000&interval=50`], { reject: false, env: hermeticEnv(), extendEnv: false });
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout).split('\n')[0]).toBe('1');
  });

  it('cookies: a cookie set on one connection goes with the reconnect, and -c writes the jar at the end', async () => {
    const seen: string[] = [];
    const server = await startHttpServer((req, res) => {
      seen.push(req.headers.cookie ?? '-');
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Set-Cookie': `visit=${seen.length}; Path=/` });
      res.end(`id: ${seen.length}\ndata: ${seen.length}\n\n`);
    });
    const jar = join(mkdtempSync(join(tmpdir(), 'qurl-sse-')), 'jar.txt');
    const r = await qurl(['sse', '-b', 'lit=1', '-c', jar, '--format', 'data', '--count', '3', '--retry-delay', '5ms', server.url]);
    await server.close();
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('1\n2\n3\n');
    expect(seen).toEqual(['lit=1', 'visit=1; lit=1', 'visit=2; lit=1']);
    expect(readFileSync(jar, 'latin1')).toMatch(/^127\.0\.0\.1\tFALSE\t\/\tFALSE\t0\tvisit\t3$/m);
  });

  it('SSE options outside qurl sse are refused', async () => {
    const r = await qurl(['--count', '3', `${serve.httpUrl}/get`]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--count belongs to qurl sse/);
  });
});
