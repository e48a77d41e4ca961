// --hsts against a real HTTPS server with a name: learnt from Strict-Transport-Security, used to turn http://
// into https://, forgotten with max-age=0; and side by side with curl, which reads and writes the same file.
import { execa } from 'execa';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateCertificates } from '../../src/serve/index.js';
import { withCurl } from '../helpers/needs.js';
import { hermeticEnv, qurl, QURL_BIN } from '../helpers/run-qurl.js';


let secure: https.Server;
let plain: http.Server;
let tlsPort = 0;
let plainPort = 0;
let ca = '';
const dir = mkdtempSync(join(tmpdir(), 'qurl-hsts-'));

beforeAll(async () => {
  const certs = await generateCertificates(['hsts.test', 'a.hsts.test', 'localhost']);
  ca = join(dir, 'ca.pem');
  writeFileSync(ca, certs.caPem);
  secure = https.createServer({ key: certs.keyPem, cert: certs.certPem }, (req, res) => {
    const sts = req.url?.includes('sub') ? 'max-age=3600; includeSubDomains' : req.url?.includes('forget') ? 'max-age=0' : req.url?.includes('none') ? undefined : 'max-age=3600';
    if (sts) res.setHeader('strict-transport-security', sts);
    res.end(`secure ${req.headers.host} ${req.url}\n`);
  });
  plain = http.createServer((req, res) => {
    if (req.url === '/teach') res.setHeader('strict-transport-security', 'max-age=3600');
    res.end(`plain ${req.headers.host} ${req.url}\n`);
  });
  await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  tlsPort = (secure.address() as { port: number }).port;
  plainPort = (plain.address() as { port: number }).port;
});
afterAll(() => {
  secure.close();
  plain.close();
});

/** Names on loopback: https on the TLS server, and http:// on port 80 of the same name reaches the plain one. */
const names = (): string[] => [
  '--cacert', ca,
  '--connect-to', `hsts.test:443:127.0.0.1:${tlsPort}`, '--connect-to', `a.hsts.test:443:127.0.0.1:${tlsPort}`,
  '--connect-to', `hsts.test:80:127.0.0.1:${plainPort}`, '--connect-to', `a.hsts.test:80:127.0.0.1:${plainPort}`,
  '--resolve', 'hsts.test:443:127.0.0.1', '--resolve', 'a.hsts.test:443:127.0.0.1',
  '--resolve', 'hsts.test:80:127.0.0.1', '--resolve', 'a.hsts.test:80:127.0.0.1',
];

it('learns from an HTTPS response and sends the next http:// request over HTTPS, saying so with -v', async () => {
  const file = join(dir, 'learn.txt');
  const before = await qurl(['-s', ...names(), '--hsts', file, 'http://hsts.test/x']);
  expect(before.stdout).toBe('plain hsts.test /x\n');
  await qurl(['-s', ...names(), '--hsts', file, 'https://hsts.test/learn']);
  expect(readFileSync(file, 'utf8')).toMatch(/^hsts\.test "\d{8} \d\d:\d\d:\d\d"$/m);
  const after = await qurl(['-v', ...names(), '--hsts', file, 'http://hsts.test/x']);
  expect(after.stdout).toBe('secure hsts.test /x\n');
  expect(after.stderr).toContain('* Switched from HTTP to HTTPS due to HSTS => https://hsts.test/x');
  // Not for a subdomain without includeSubDomains.
  expect((await qurl(['-s', ...names(), '--hsts', file, 'http://a.hsts.test/y'])).stdout).toBe('plain a.hsts.test /y\n');
});

it('includeSubDomains covers subdomains; max-age=0 forgets; plain HTTP and IP addresses never teach it', async () => {
  const file = join(dir, 'sub.txt');
  await qurl(['-s', ...names(), '--hsts', file, 'https://hsts.test/sub']);
  expect(readFileSync(file, 'utf8')).toMatch(/^\.hsts\.test "/m);
  expect((await qurl(['-s', ...names(), '--hsts', file, 'http://a.hsts.test/y'])).stdout).toBe('secure a.hsts.test /y\n');
  await qurl(['-s', ...names(), '--hsts', file, 'https://hsts.test/forget']);
  expect(readFileSync(file, 'utf8')).not.toMatch(/^\.?hsts\.test "/m);
  const other = join(dir, 'other.txt');
  await qurl(['-s', ...names(), '--hsts', other, 'http://hsts.test/teach']);
  await qurl(['-s', '-k', '--hsts', other, `https://127.0.0.1:${tlsPort}/`]);
  expect(readFileSync(other, 'utf8')).not.toMatch(/"/);
});

it('follows a redirect to http:// over HTTPS when the host is known', async () => {
  const file = join(dir, 'redirect.txt');
  writeFileSync(file, 'hsts.test "unlimited"\n');
  const r = await qurl(['-s', ...names(), '--hsts', file, '-w', '%{url_effective}', 'http://hsts.test/z']);
  expect(r.stdout).toBe('secure hsts.test /z\nhttps://hsts.test/z');
});

withCurl.describe('--hsts side by side with curl', () => {
  it('the same answers from the same cache files, and files each can read', async () => {
    const lines: [string, string[]][] = [
      ['hsts.test "unlimited"\n', ['http://hsts.test/a']],
      ['.hsts.test "unlimited"\n', ['http://a.hsts.test/b']],
      ['hsts.test "unlimited"\n', ['http://a.hsts.test/c']],
      ['hsts.test "20000101 00:00:00"\n', ['http://hsts.test/expired']],
      ['', ['https://hsts.test/learn']],
      ['', ['https://hsts.test/sub']],
      ['hsts.test "unlimited"\n', ['https://hsts.test/forget']],
      ['', ['https://hsts.test/none']],
      ['# only a comment\n', ['http://hsts.test/teach']],
      ['hsts.test "unlimited"\n', ['-I', 'http://hsts.test/head']],
      ['hsts.test "unlimited"\n', ['-w', '%{url_effective} %{scheme}', 'http://hsts.test/w']],
    ];
    for (const [i, [content, args]] of lines.entries()) {
      const [qFile, cFile] = ['q', 'c'].map((who) => join(dir, `side-${i}-${who}.txt`));
      writeFileSync(qFile!, content);
      writeFileSync(cFile!, content);
      const [q, c] = await Promise.all([
        execa('node', [QURL_BIN, '-s', ...names(), '--hsts', qFile!, ...args], { reject: false, env: hermeticEnv(), extendEnv: false }),
        execa('curl', ['-s', ...names(), '--hsts', cFile!, ...args], { reject: false, env: hermeticEnv(), extendEnv: false }),
      ]);
      const label = `qurl vs curl: ${content.trim()} ${args.join(' ')}`;
      expect.soft(q.exitCode, label).toBe(c.exitCode);
      expect.soft(q.stdout.replace(/^date: .*\r\n/im, ''), label).toBe(c.stdout.replace(/^date: .*\r\n/im, ''));
      const entries = (f: string): string[] => readFileSync(f, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.replace(/"\d{8} \d\d:\d\d:\d\d"/, '"DATE"'));
      expect.soft(entries(qFile!), label).toEqual(entries(cFile!));
    }
    // Each reads the other's file.
    const shared = join(dir, 'shared.txt');
    await execa('curl', ['-s', ...names(), '--hsts', shared, 'https://hsts.test/sub'], { env: hermeticEnv(), extendEnv: false });
    expect((await qurl(['-s', ...names(), '--hsts', shared, 'http://a.hsts.test/x'])).stdout).toBe('secure a.hsts.test /x\n');
  }, 60_000);
});
