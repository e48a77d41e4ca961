// --doh-url: names resolved by a DNS-over-HTTPS server through qurl's own HTTP/2, one connection for every
// lookup; DoH failures are curl's 6; side by side with curl against the same DoH server.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDohServer, type DohServer } from '../helpers/doh-server.js';
import { withCurl } from '../helpers/needs.js';
import { qurl, qurlAndCurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';
import type { RunningServe } from '../../src/serve/index.js';


let doh: DohServer;
let web: http.Server;
let port = 0;
let ca = '';

beforeAll(async () => {
  doh = await startDohServer({
    'web.test': { a: ['127.0.0.1'] },
    'v6.test': { aaaa: ['::1'] },
    'both.test': { a: ['127.0.0.1'], aaaa: ['::1'] },
    'empty.test': {},
  });
  ca = join(mkdtempSync(join(tmpdir(), 'qurl-doh-')), 'ca.pem');
  writeFileSync(ca, doh.caPem);
  web = http.createServer((req, res) => res.end(`${req.headers.host} ${req.url} via ${req.socket.remoteAddress}\n`));
  await new Promise<void>((resolve) => web.listen(0, '::', resolve));
  port = (web.address() as { port: number }).port;
});
afterAll(async () => {
  await doh.close();
  web.close();
});

it('resolves with the DoH server (A and AAAA asked), says so with -v, and reaches the address it gave', async () => {
  doh.asked.length = 0;
  const r = await qurl(['-v', '--doh-url', doh.url, '--cacert', ca, `http://web.test:${port}/x`]);
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toBe(`web.test:${port} /x via ::ffff:127.0.0.1\n`);
  expect(r.stderr).toContain('* Host web.test was resolved (DoH).');
  expect([...doh.asked].sort()).toEqual(['A web.test', 'AAAA web.test']);
});

it('-6 asks only AAAA; an AAAA-only name connects over IPv6', async () => {
  doh.asked.length = 0;
  const r = await qurl(['-s', '-6', '--doh-url', doh.url, '--cacert', ca, `http://v6.test:${port}/`]);
  expect(r.stdout).toBe(`v6.test:${port} / via ::1\n`);
  expect(doh.asked).toEqual(['AAAA v6.test']);
});

it('every lookup of a run goes over one HTTP/2 connection to the DoH server', async () => {
  const r = await qurl(['-s', '--doh-url', doh.url, '--cacert', ca, '-w', '%{num_connects}\n', `http://web.test:${port}/1`, `http://both.test:${port}/2`]);
  expect(r.exitCode).toBe(0);
  // Each transfer opens its own web connection; the DoH connection is the pool's and not counted in them.
  expect(r.stdout.trim().split('\n').filter((l) => /^\d+$/.test(l))).toEqual(['1', '1']);
});

it("a name the DoH server does not know, an answer it cannot give, and a broken reply are curl's 6", async () => {
  for (const [name, words] of [['nothere.test', /Could not resolve host: nothere\.test$/m], ['empty.test', /Could not resolve host: empty\.test$/m], ['servfail.test', /rcode 2/], ['wrongtype.test', /text\/html, not application\/dns-message/], ['broken.test', /malformed/]] as const) {
    const r = await qurl(['--doh-url', doh.url, '--cacert', ca, `http://${name}:${port}/`]);
    expect(r.exitCode, name).toBe(6);
    expect(r.stderr, name).toMatch(words);
  }
});

it("verifies the DoH server's certificate unless --doh-insecure, and refuses a DoH URL that is not https", async () => {
  const unverified = await qurl(['--doh-url', doh.url, `http://web.test:${port}/`]);
  expect(unverified.exitCode).toBe(6);
  expect(unverified.stderr).toMatch(/Could not resolve host: web\.test \(.*certificate/i);
  const insecure = await qurl(['-s', '--doh-url', doh.url, '--doh-insecure', `http://web.test:${port}/`]);
  expect(insecure.exitCode).toBe(0);
  const plain = await qurl(['--doh-url', 'http://127.0.0.1/dns-query', `http://web.test:${port}/`]);
  expect(plain.exitCode).toBe(2);
  expect(plain.stderr).toMatch(/--doh-url needs an https:\/\/ URL/);
});

it('a DoH server that does not answer is bounded by --connect-timeout', async () => {
  const silent = http.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const started = performance.now();
    const r = await qurl(['--connect-timeout', '1', '--doh-url', `https://127.0.0.1:${(silent.address() as { port: number }).port}/dns-query`, `http://web.test:${port}/`]);
    expect([6, 28]).toContain(r.exitCode);
    expect(performance.now() - started).toBeLessThan(5000);
  } finally {
    silent.closeAllConnections();
    silent.close();
  }
});

it("qurl serve's /dns-query answers over HTTP/2 and over HTTP/3, and -v says which carried the lookup", async () => {
  const serve: RunningServe = await withServe();
  try {
    const h2 = await qurl(['-v', '--cacert', serve.caFile, '--doh-url', `${serve.httpsUrl.replace('127.0.0.1', 'localhost')}/dns-query`, `http://named.test:${port}/h2`]);
    expect(h2.stdout).toBe(`named.test:${port} /h2 via ::ffff:127.0.0.1\n`);
    expect(h2.stderr).toMatch(/\* DoH: named\.test is 127\.0\.0\.1, ::1 \(https:\/\/localhost:\d+\/dns-query over HTTP\/2\)/);
    const missing = await qurl(['--cacert', serve.caFile, '--doh-url', `${serve.httpsUrl.replace('127.0.0.1', 'localhost')}/dns-query`, `http://nxdomain.test:${port}/`]);
    expect(missing.exitCode).toBe(6);
    if (!serve.h3Url) throw new Error(`qurl serve has no HTTP/3 here: ${serve.h3Problem}`);
    const h3Port = new URL(serve.h3Url).port;
    const h3 = await qurl(['-v', '--http3-only', '-k', '--cacert', serve.caFile, '--doh-url', `https://localhost:${h3Port}/dns-query`, `https://named.test:${h3Port}/get`]);
    expect(h3.exitCode).toBe(0);
    expect(h3.stderr).toMatch(/\* DoH: named\.test is 127\.0\.0\.1, ::1 \(https:\/\/localhost:\d+\/dns-query over HTTP\/3\)/);
  } finally {
    await serve.close();
  }
});

withCurl.describe('--doh-url side by side with curl', () => {
  it('same stdout and exit codes', async () => {
    const lines = [
      [`http://web.test:${port}/a`],
      ['-4', `http://both.test:${port}/b`],
      [`http://nothere.test:${port}/c`],
      [`http://empty.test:${port}/d`],
      ['-w', '%{http_code} %{remote_ip}', '-o', '/dev/null', `http://web.test:${port}/e`],
      ['--resolve', `web.test:${port}:127.0.0.1`, `http://web.test:${port}/f`],
      [`http://127.0.0.1:${port}/g`],
    ];
    for (const args of lines) {
      const full = ['-s', '--doh-url', doh.url, '--cacert', ca, ...args];
      const [q, c] = await qurlAndCurl(full);
      const label = `qurl vs curl: ${args.join(' ')}`;
      expect.soft(q.exitCode, label).toBe(c.exitCode);
      expect.soft(q.stdout, label).toBe(c.stdout);
    }
  }, 60_000);
});
