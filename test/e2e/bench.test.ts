// qurl bench: a load run through the engine — how many requests reach the server, over how many connections,
// what the report counts (statuses, errors, latency), on HTTP/1.1, HTTP/2 and HTTP/3.
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { startHttpServer } from '../helpers/raw-servers.js';
import { qurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';

interface Report {
  httpVersions: string[];
  requests: { completed: number; failed: number };
  requestsPerSecond: number;
  bodyBytes: number;
  latencyMs: { min: number; p50: number; p90: number; p99: number; max: number } | null;
  connections: { opened: number };
  statusCodes: Record<string, number>;
  errors: Record<string, number>;
}

const report = (stdout: string): Report => JSON.parse(stdout) as Report;

let serve: RunningServe;
beforeAll(async () => {
  serve = await withServe();
});
afterAll(() => serve.close());

describe('qurl bench', () => {
  it('HTTP/1.1, -n 40 -c 2: 40 requests reach the server over 2 connections, all counted', async () => {
    const server = await startHttpServer((_req, res) => res.end('12345'));
    const r = await qurl(['bench', '-n', '40', '-c', '2', '--json', '-H', 'X-Load: yes', `${server.url}/x`]);
    await server.close();
    expect(r.exitCode).toBe(0);
    const rep = report(r.stdout);
    expect(server.requests).toHaveLength(40);
    expect(server.requests.every((q) => q.url === '/x' && q.headers['x-load'] === 'yes')).toBe(true);
    expect(new Set(server.requests.map((q) => q.remotePort)).size).toBe(2);
    expect(rep.httpVersions).toEqual(['HTTP/1.1']);
    expect(rep.requests).toEqual({ completed: 40, failed: 0 });
    expect(rep.statusCodes).toEqual({ 200: 40 });
    expect(rep.bodyBytes).toBe(200);
    expect(rep.connections.opened).toBe(2);
    const l = rep.latencyMs!;
    expect(l.min).toBeLessThanOrEqual(l.p50);
    expect(l.p99).toBeLessThanOrEqual(l.max);
  });

  it('HTTP/2 by prior knowledge, -m 8: one connection carries every request, 8 streams at a time', async () => {
    let sessions = 0;
    let open = 0;
    let most = 0;
    const server = http2.createServer();
    server.on('session', () => sessions++);
    server.on('stream', (stream) => {
      most = Math.max(most, ++open);
      setTimeout(() => {
        open--;
        stream.respond({ ':status': 200 });
        stream.end('ok');
      }, 5);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const r = await qurl(['bench', '-n', '64', '-m', '8', '--json', '--http2-prior-knowledge', `http://127.0.0.1:${(server.address() as AddressInfo).port}/`]);
    server.close();
    expect(r.exitCode).toBe(0);
    const rep = report(r.stdout);
    expect(sessions).toBe(1);
    expect(most).toBe(8);
    expect(rep.httpVersions).toEqual(['HTTP/2']);
    expect(rep.requests.completed).toBe(64);
    expect(rep.connections.opened).toBe(1);
  });

  it('HTTP/3: streams of one QUIC connection', async () => {
    if (!serve.h3Url) throw new Error(`qurl serve has no HTTP/3 here: ${serve.h3Problem}`);
    const r = await qurl(['bench', '-n', '30', '-m', '5', '--json', '--http3-only', '--cacert', serve.caFile, `${serve.h3Url}/get`]);
    expect(r.exitCode).toBe(0);
    const rep = report(r.stdout);
    expect(rep.httpVersions).toEqual(['HTTP/3']);
    expect(rep.requests.completed).toBe(30);
    expect(rep.connections.opened).toBe(1);
  });

  it('statuses are counted apart; with -f the 5xx are errors too and the exit code is 22', async () => {
    let n = 0;
    const server = await startHttpServer((_req, res) => {
      res.statusCode = n++ % 2 === 0 ? 200 : 503;
      res.end();
    });
    const plain = await qurl(['bench', '-n', '10', '--json', server.url]);
    const failing = await qurl(['bench', '-n', '10', '--json', '-f', server.url]);
    await server.close();
    expect(plain.exitCode).toBe(0);
    expect(report(plain.stdout).statusCodes).toEqual({ 200: 5, 503: 5 });
    expect(failing.exitCode).toBe(22);
    const rep = report(failing.stdout);
    expect(rep.statusCodes).toEqual({ 200: 5, 503: 5 });
    expect(rep.errors).toEqual({ '(22) The requested URL returned error: 503': 5 });
  });

  it('a server that refuses: every request an error, the exit code curl would give (7)', async () => {
    const server = await startHttpServer((_req, res) => res.end());
    await server.close();
    const r = await qurl(['bench', '-n', '5', '--json', server.url]);
    expect(r.exitCode).toBe(7);
    const rep = report(r.stdout);
    expect(rep.requests).toEqual({ completed: 0, failed: 5 });
    expect(rep.latencyMs).toBeNull();
    expect(Object.keys(rep.errors)).toEqual([`(7) Failed to connect to 127.0.0.1 port ${server.port}: Connection refused`]);
  });

  it('--duration with --rate: requests stop at the end of the time, never faster than the rate', async () => {
    const server = await startHttpServer((_req, res) => res.end());
    const r = await qurl(['bench', '-D', '400ms', '--rate', '20', '-c', '3', '--json', server.url]);
    await server.close();
    expect(r.exitCode).toBe(0);
    // 20 per second for 0.4 s: one at 0 ms, then one each 50 ms; never more than 9 (the clock only slows it).
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.length).toBeLessThanOrEqual(9);
    expect(report(r.stdout).requests.completed).toBe(server.requests.length);
  });

  it('the table: the counts, the latency row and a histogram; no colour into a pipe', async () => {
    const r = await qurl(['bench', '-n', '20', `${serve.httpUrl}/get`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/│ requests +│ 20 completed, 0 failed, in \d+\.\d{3} s +│/);
    expect(r.stdout).toMatch(/│ latency +│ [\d.]+ +│/);
    expect(r.stdout).toMatch(/^status codes {2}200: 20$/m);
    expect(r.stdout).toMatch(/^latency histogram/m);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('refuses what a load run cannot do, in one line with exit 2', async () => {
    const twoUrls = await qurl(['bench', 'http://a.invalid/', 'http://b.invalid/']);
    expect([twoUrls.exitCode, twoUrls.stderr]).toEqual([2, "qurl: (2) qurl bench takes exactly one URL, got 2 (try 'qurl bench --help')\n"]);
    const stdin = await qurl(['bench', '-d', '@-', 'http://a.invalid/']);
    expect(stdin.exitCode).toBe(2);
    expect(stdin.stderr).toMatch(/^qurl: \(2\) qurl bench reads a request body once per request, and stdin only once/);
    const help = await qurl(['bench', '--help']);
    expect(help.stdout).toMatch(/^Usage: qurl bench /);
  });
});
