// -Z/--parallel: HTTP/2 multiplexes on one connection within the peer's limits; HTTP/1.1 opens more.
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type RunningServe } from '../../src/serve/index.js';
import { qurl } from '../helpers/run-qurl.js';

let serve: RunningServe;
let goaway: RunningServe;
beforeAll(async () => {
  serve = await startServe();
  goaway = await startServe({ h2: { goawayAfter: 5 } });
});
afterAll(async () => {
  await serve.close();
  await goaway.close();
});

function many(url: string, n: number): string[] {
  return Array.from({ length: n }, () => ['-o', '/dev/null', url]).flat();
}

const sum = (out: string): number => out.trim().split(/\s+/).map(Number).reduce((a, b) => a + b, 0);

describe('-Z', () => {
  it('100 parallel HTTP/2 requests share one connection', async () => {
    const r = await qurl(['-s', '-Z', '--cacert', serve.caFile, '-w', '%{num_connects} ', ...many(`${serve.httpsUrl}/bytes/1000`, 100)]);
    expect(r.exitCode).toBe(0);
    expect(sum(r.stdout)).toBe(1);
    expect(r.stdout.trim().split(' ')).toHaveLength(100);
  });

  it('a second connection opens only past the server\'s SETTINGS_MAX_CONCURRENT_STREAMS', async () => {
    const server = http2.createServer({ settings: { maxConcurrentStreams: 2 } }, (_req, res) => setTimeout(() => res.end('x'), 200));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const r = await qurl(['-s', '-Z', '--http2-prior-knowledge', '-w', '%{num_connects} ', ...many(url, 4)]);
    server.close();
    expect(r.exitCode).toBe(0);
    expect(sum(r.stdout)).toBe(2);
  });

  it('--parallel-max bounds the transfers in flight; HTTP/1.1 opens one connection each', async () => {
    const r = await qurl(['-s', '-Z', '--parallel-max', '3', '-w', '%{num_connects} ', ...many(`${serve.httpUrl}/delay/100`, 6)]);
    expect(r.exitCode).toBe(0);
    expect(sum(r.stdout)).toBe(3);
  });

  it('GOAWAY with streams in flight: those above its last-stream-id go again on a fresh connection, exit 0', async () => {
    const r = await qurl(['-v', '-Z', '--http2-prior-knowledge', '-w', '%{http_code} %{num_connects}\n', ...many(`${goaway.h2cUrl}/delay/50`, 8)]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => l.split(' ')[0])).toEqual(Array<string>(8).fill('200'));
    expect(sum(r.stdout.replace(/200 /g, ''))).toBe(2);
    expect(r.stderr).toMatch(/Retrying: the server did not process the request on connection #0 \(GOAWAY, REFUSED_STREAM or H3_REQUEST_REJECTED\), sending it again/);
  });

  it('-f on one multiplexed transfer ends only that stream, not the shared connection', async () => {
    const r = await qurl(['-s', '-Z', '-f', '--cacert', serve.caFile, '-w', '%{http_code}:%{num_connects} ', '-o', '/dev/null', '-o', '/dev/null', '-o', '/dev/null',
      `${serve.httpsUrl}/status/404`, `${serve.httpsUrl}/delay/300`, `${serve.httpsUrl}/bytes/300000`]);
    expect(r.exitCode).toBe(22);
    expect(r.stdout.trim().split(' ').sort()).toEqual(['200:0', '200:0', '404:1']);
  });

  it('--parallel-max out of range is a clear error', async () => {
    const r = await qurl(['-Z', '--parallel-max', '0', 'http://127.0.0.1/']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--parallel-max needs a whole number from 1 to 300/);
  });
});
