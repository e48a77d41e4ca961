// --retry against real servers: what is written, what -w says, what stderr says, side by side with curl.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withCurl } from '../helpers/needs.js';
import { qurl, qurlAndCurl } from '../helpers/run-qurl.js';
import { startHttpServer, type Running } from '../helpers/raw-servers.js';


/** Per path, how many requests it has had; `/fail-N/STATUS` fails N times with STATUS, then answers 200. */
const seen = new Map<string, number>();
let server: Running;
const dir = mkdtempSync(join(tmpdir(), 'qurl-retry-'));

beforeAll(async () => {
  server = await startHttpServer((req: http.IncomingMessage, res: http.ServerResponse) => {
    // qurl and curl ask at the same time, and may straddle a second.
    res.sendDate = false;
    const url = new URL(req.url ?? '/', 'http://x');
    const key = `${req.headers['user-agent']?.split('/')[0]} ${url.pathname}${url.search}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    req.resume();
    const m = /^\/fail-(\d+)\/(\d+)$/.exec(url.pathname);
    if (m && n <= Number(m[1])) {
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/plain' };
      if (url.searchParams.has('after')) headers['retry-after'] = url.searchParams.get('after')!;
      res.writeHead(Number(m[2]), headers);
      return res.end(`attempt ${n} failed\n`);
    }
    res.end(`attempt ${n} ok\n`);
  });
});
afterAll(() => server.close());

it('retries a 503 until it succeeds, writing each answer to stdout as curl does, and counts %{num_retries}', async () => {
  const r = await qurl(['--retry', '3', '--retry-delay', '0.05', '-w', '%{num_retries} %{http_code}\n', `${server.url}/fail-2/503?a=1`]);
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toBe('attempt 1 failed\nattempt 2 failed\nattempt 3 ok\n2 200\n');
  expect(r.stderr).toBe('Warning: Problem : HTTP error. Will retry in 0.1 seconds. 3 retries left.\nWarning: Problem : HTTP error. Will retry in 0.1 seconds. 2 retries left.\n');
});

it('gives up after --retry N more attempts with the last answer, and -f reports each attempt', async () => {
  const r = await qurl(['-f', '--retry', '2', '--retry-delay', '0.01', '-w', '%{num_retries}\n', `${server.url}/fail-9/502?b=1`]);
  expect(r.exitCode).toBe(22);
  expect(r.stdout).toBe('2\n');
  expect(r.stderr.match(/qurl: \(22\) The requested URL returned error: 502/g)).toHaveLength(3);
});

it("waits the server's Retry-After instead of the back-off", async () => {
  const started = performance.now();
  const r = await qurl(['-s', '--retry', '1', '-o', '/dev/null', '-w', '%{num_retries}', `${server.url}/fail-1/429?after=1`]);
  expect(r.stdout).toBe('1');
  expect(performance.now() - started).toBeGreaterThan(1000);
});

it('an -o file keeps only the last attempt, and a 404 is not transient', async () => {
  const out = join(dir, 'out.txt');
  const r = await qurl(['-s', '--retry', '2', '--retry-delay', '0.01', '-o', out, `${server.url}/fail-1/500?c=1`]);
  expect(r.exitCode).toBe(0);
  expect(readFileSync(out, 'utf8')).toBe('attempt 2 ok\n');
  const notFound = await qurl(['-s', '--retry', '3', '-w', '%{num_retries}', '-o', '/dev/null', `${server.url}/fail-5/404?d=1`]);
  expect(notFound.stdout).toBe('0');
});

it('does not send a POST again after a 500 (the server may have acted on it) unless --retry-all-errors', async () => {
  const r = await qurl(['--retry', '2', '--retry-delay', '0.01', '-d', 'x=1', '-w', '%{num_retries}\n', `${server.url}/fail-1/500?e=1`]);
  expect(r.stdout).toBe('attempt 1 failed\n0\n');
  expect(r.stderr).toMatch(/Not retrying the POST: the server may have acted on it \(--retry-all-errors sends it again\)/);
  const all = await qurl(['-s', '--retry', '2', '--retry-delay', '0.01', '--retry-all-errors', '-d', 'x=1', '-w', '%{num_retries}\n', `${server.url}/fail-1/500?f=1`]);
  expect(all.stdout).toBe('attempt 1 failed\nattempt 2 ok\n1\n');
  // 503 says the request was not acted on.
  const busy = await qurl(['-s', '--retry', '2', '--retry-delay', '0.01', '-d', 'x=1', '-w', '%{num_retries}\n', `${server.url}/fail-1/503?g=1`]);
  expect(busy.stdout).toBe('attempt 1 failed\nattempt 2 ok\n1\n');
});

it('retries a refused connection only with --retry-connrefused, and a timeout always', async () => {
  const refused = await qurl(['--retry', '1', '--retry-delay', '0.01', 'http://127.0.0.1:1/']);
  expect(refused.exitCode).toBe(7);
  expect(refused.stderr).not.toMatch(/Will retry/);
  const asked = await qurl(['--retry', '1', '--retry-delay', '0.01', '--retry-connrefused', 'http://127.0.0.1:1/']);
  expect(asked.exitCode).toBe(7);
  expect(asked.stderr).toMatch(/Warning: Problem : connection refused\. Will retry in 0 seconds\. 1 retry left\./);
  const slow = http.createServer(() => {});
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  try {
    const port = (slow.address() as { port: number }).port;
    const timedOut = await qurl(['--retry', '1', '--retry-delay', '0.01', '-m', '0.3', '-w', '%{num_retries}', `http://127.0.0.1:${port}/`]);
    expect(timedOut.exitCode).toBe(28);
    expect(timedOut.stdout).toBe('1');
    expect(timedOut.stderr).toMatch(/Problem : timeout\./);
  } finally {
    slow.closeAllConnections();
    slow.close();
  }
});

it('--retry-max-time stops retrying once it has passed', async () => {
  const r = await qurl(['-s', '--retry', '50', '--retry-delay', '0.2', '--retry-max-time', '0.5', '-o', '/dev/null', '-w', '%{num_retries}', `${server.url}/fail-99/503?h=1`]);
  expect(Number(r.stdout)).toBeGreaterThanOrEqual(2);
  expect(Number(r.stdout)).toBeLessThanOrEqual(4);
});

it('refuses a bad --retry', async () => {
  const r = await qurl(['--retry', 'x', `${server.url}/`]);
  expect(r.exitCode).toBe(2);
  expect(existsSync(dir)).toBe(true);
});

withCurl.describe('--retry side by side with curl', () => {
  it('same stdout and exit codes', async () => {
    const u = server.url;
    const lines = [
      ['--retry', '2', `${u}/fail-1/503`],
      ['--retry', '1', `${u}/fail-2/503`],
      ['-f', '--retry', '1', `${u}/fail-2/504`],
      ['--fail-with-body', '--retry', '3', `${u}/fail-1/502`],
      ['--retry', '2', `${u}/fail-1/408`],
      ['--retry', '2', `${u}/fail-1/429`],
      // (522 and 524 joined curl's transient set after 7.88: the unit tests hold qurl to curl 8's.)
      ['--retry', '2', `${u}/fail-1/404`],
      ['--retry', '2', `${u}/fail-1/501`],
      ['--retry', '0', `${u}/fail-1/503`],
      ['-I', '--retry', '1', `${u}/fail-1/503`],
      ['-X', 'PUT', '--retry', '1', `${u}/fail-1/500`],
      ['-X', 'DELETE', '--retry', '1', `${u}/fail-1/500`],
      ['--retry', '1', '--retry-all-errors', `${u}/fail-1/500`],
      ['--retry', '1', '--retry-all-errors', 'http://127.0.0.1:1/'],
      ['--retry', '1', 'http://127.0.0.1:1/'],
      ['--retry', '1', '--retry-connrefused', 'http://127.0.0.1:1/'],
      ['--retry', '1', '-o', join(dir, 'both.txt'), `${u}/fail-1/503`],
    ];
    for (const [i, args] of lines.entries()) {
      // Each client gets its own counters (the server keys them by User-Agent), and a query of its own per line.
      const withLine = args.map((a) => (a.startsWith(u) ? `${a}?line=${i}` : a));
      const full = ['-s', '--retry-delay', '1', ...withLine, '-w', '\n%{http_code} %{size_download}'];
      const [q, c] = await qurlAndCurl(full);
      const label = `qurl vs curl: ${args.join(' ')}`;
      expect.soft(q.exitCode, label).toBe(c.exitCode);
      expect.soft(q.stdout, label).toBe(c.stdout);
    }
  }, 120_000);
});
