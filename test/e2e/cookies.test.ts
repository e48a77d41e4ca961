// The cookie engine (issue 11 §4), side by side with curl: -c jars, the Cookie headers sent across URLs and -L
// hops, -b files and literals, -j; and the same engine on HTTP/2.
import { execa } from 'execa';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { withCurl } from '../helpers/needs.js';
import { hermeticEnv, qurl, QURL_BIN } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';

const dir = mkdtempSync(join(tmpdir(), 'qurl-cookies-'));
let server: http.Server;
let base = '';
let serve: RunningServe;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/set') {
      res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2; Domain=127.0.0.1; Max-Age=3600; HttpOnly', 'c=3; Path=/sub', 'd=4; Expires=Wed, 01 Jan 2031 00:00:00 GMT', 'gone=x; Max-Age=0']);
      res.end('set\n');
    } else if (req.url === '/redirect') {
      res.writeHead(302, { Location: '/echo', 'Set-Cookie': 'hop=5' });
      res.end();
    } else if (req.url === '/elsewhere') {
      res.writeHead(302, { Location: `http://localhost:${(server.address() as AddressInfo).port}/echo`, 'Set-Cookie': 'local=6' });
      res.end();
    } else res.end(`${req.url} cookie: ${req.headers.cookie ?? '-'}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(join(dir, 'in.txt'), `# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\ts\n127.0.0.1\tFALSE\t/\tFALSE\t1924992000\tlasting\tl\n`);
  serve = await withServe();
});
afterAll(async () => {
  server.close();
  await serve.close();
});

/** Expiry times derived from Max-Age may differ by the second the two runs took. */
const jarOf = (text: string): string => text.replace(/\t(\d{10})\t/g, (m, t: string) => (Number(t) === 1924992000 ? m : '\t<max-age>\t'));

function commands(): string[][] {
  const jar = (name: string): string => join(dir, name);
  return [
    ['-c', '-', `${base}/set`, `${base}/echo`, `${base}/sub/x`],
    ['-L', '-b', '', `${base}/redirect`],
    ['-L', '-c', '-', `${base}/redirect`],
    ['-b', jar('in.txt'), `${base}/echo`],
    ['-j', '-b', jar('in.txt'), `${base}/echo`],
    ['-b', jar('in.txt'), '-b', 'lit=1; other=2', `${base}/echo`],
    ['-b', 'only=literal', `${base}/echo`],
    ['-b', jar('missing.txt'), `${base}/echo`],
    ['-L', '-b', '', `${base}/elsewhere`],
    ['-b', jar('in.txt'), '-c', '-', `${base}/set`],
  ];
}

withCurl.describe('cookies as curl keeps them', () => {
  it('the same Cookie headers sent and the same jars written', async () => {
    for (const args of commands()) {
      const full = ['-s', ...args];
      const [q, c] = await Promise.all([
        execa('node', [QURL_BIN, ...full], { reject: false, env: hermeticEnv(), extendEnv: false }),
        execa('curl', full, { reject: false, env: hermeticEnv(), extendEnv: false }),
      ]);
      const label = `qurl vs curl: ${args.join(' ')}`;
      expect(q.exitCode, label).toBe(c.exitCode);
      expect(jarOf(q.stdout), label).toBe(jarOf(c.stdout));
    }
  }, 60_000);
});

describe('the cookie engine', () => {
  it('-c FILE is written at the end of the run, across several URLs', async () => {
    const file = join(dir, 'out.txt');
    const r = await qurl(['-s', '-c', file, `${base}/set`, `${base}/echo`]);
    expect(r.stdout).toBe('set\n/echo cookie: d=4; b=2; a=1\n');
    expect(readFileSync(file, 'utf8')).toMatch(/^# Netscape HTTP Cookie File\n[^]*\n127\.0\.0\.1\tFALSE\t\/\tFALSE\t0\ta\t1\n$/);
  });

  it('a jar that cannot be written is a warning (silent with -s), as in curl, and the exit code stays 0', async () => {
    const r = await qurl(['-c', join(dir, 'no/such/dir/jar.txt'), `${base}/set`]);
    expect([r.exitCode, r.stdout]).toEqual([0, 'set\n']);
    expect(r.stderr).toMatch(/^Warning: failed to save cookies in .*jar\.txt: ENOENT/);
    expect((await qurl(['-s', '-c', join(dir, 'no/such/dir/jar.txt'), `${base}/set`])).stderr).toBe('');
  });

  it('works the same over HTTP/2 (qurl serve\'s /cookies/set)', async () => {
    const r = await qurl(['-sL', '--cacert', serve.caFile, '-c', '-', '-w', '%{http_version}\n', `${serve.httpsUrl}/cookies/set?flavor=h2`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/"flavor": "h2"/);
    expect(r.stdout).toMatch(/\nlocalhost\tFALSE\t\/\tFALSE\t0\tflavor\th2\n/);
    expect(r.stdout).toMatch(/^2$/m);
  });
});
