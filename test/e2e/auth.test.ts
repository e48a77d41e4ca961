// Server authentication (issue 11 §3) side by side with curl: Basic up front, --digest and --anyauth answering
// the 401 (RFC 7616, checked by the server below, which checks curl's answers as well), --oauth2-bearer,
// credentials kept off other origins unless --location-trusted, and never shown in -v or traces.
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCurl } from '../helpers/needs.js';
import { hermeticEnv, qurl, QURL_BIN } from '../helpers/run-qurl.js';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const REALM = 'qurl-test';
const NONCE = 'abc123nonce';
let server: http.Server;
let base = '';
const seen: string[] = [];
const NETRC = join(mkdtempSync(join(tmpdir(), 'qurl-netrc-')), 'netrc');

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    seen.push(`${req.headers.host} ${req.url} ${auth.split(' ')[0] || '-'}`);
    const p = Object.fromEntries([...auth.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1], m[2] ?? m[3]]));
    const port = (server.address() as AddressInfo).port;
    if (req.url === '/elsewhere') {
      res.writeHead(302, { Location: `http://localhost:${port}/whoami` });
      return res.end();
    }
    if (req.url === '/whoami') return res.end(`${auth || 'nobody'}\n`);
    if (req.url?.startsWith('/basic')) {
      if (auth === `Basic ${Buffer.from('u:p w').toString('base64')}`) return res.end('basic ok\n');
      res.writeHead(401, { 'WWW-Authenticate': `Basic realm="${REALM}"` });
      return res.end('no\n');
    }
    if (auth.startsWith('Digest ')) {
      const ha1 = md5(`${p.username}:${REALM}:p w`);
      const ha2 = md5(`${req.method}:${p.uri}`);
      if (p.uri === req.url && p.response === md5(`${ha1}:${NONCE}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`)) {
        req.resume();
        return req.on('end', () => res.end(`digest ok ${req.method}\n`));
      }
    }
    res.writeHead(401, { 'WWW-Authenticate': [`Basic realm="${REALM}"`, `Digest realm="${REALM}", qop="auth", nonce="${NONCE}", opaque="op"`] });
    res.end('denied\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(NETRC, 'machine 127.0.0.1 login u password "p w"\n');
});
afterAll(() => server.close());

function commands(): string[][] {
  return [
    ['--digest', '-u', 'u:p w', `${base}/digest?q=1`],
    ['--digest', '-u', 'u:wrong', `${base}/digest`],
    ['--anyauth', '-u', 'u:p w', '-d', 'a=b', `${base}/post`],
    ['--anyauth', '-u', 'u:p w', `${base}/basic`],
    ['-u', 'u:p w', `${base}/basic`],
    ['--basic', '-u', 'u:wrong', `${base}/basic`],
    ['--oauth2-bearer', 'tok123', `${base}/whoami`],
    ['-L', '-u', 'u:p w', `${base}/elsewhere`],
    ['--location-trusted', '-u', 'u:p w', `${base}/elsewhere`],
    // The URL's own user:password, then .netrc (-u wins over both; the URL's user picks the netrc entry).
    [base.replace('http://', 'http://u:p%20w@') + '/basic'],
    ['--netrc-file', NETRC, `${base}/basic`],
    ['--netrc-file', NETRC, '-u', 'u:bad', `${base}/basic`],
    ['--netrc-file', NETRC, base.replace('http://', 'http://u@') + '/basic'],
    ['--netrc-file', NETRC, base.replace('http://', 'http://other:zz@') + '/basic'],
    ['--netrc-file', '/nonexistent/netrc', `${base}/basic`],
  ];
}

withCurl.describe('authentication as curl does it', () => {
  it('the same answers, exit codes and requests on the wire', async () => {
    for (const args of commands()) {
      const full = ['-s', '-w', '%{http_code}\n', ...args];
      seen.length = 0;
      const c = await execa('curl', full, { reject: false, env: hermeticEnv(), extendEnv: false });
      const byCurl = seen.splice(0);
      const q = await execa('node', [QURL_BIN, ...full], { reject: false, env: hermeticEnv(), extendEnv: false });
      const byQurl = seen.splice(0);
      const label = `qurl vs curl: ${args.join(' ')}`;
      expect([q.exitCode, q.stdout], label).toEqual([c.exitCode, c.stdout]);
      expect(byQurl, label).toEqual(byCurl);
    }
  }, 60_000);
});

describe('credentials in -v and traces', () => {
  it('are shown as their scheme and <redacted>', async () => {
    const v = await qurl(['-sv', '-u', 'u:p w', '-o', '/dev/null', `${base}/basic`]);
    expect(v.stderr).toMatch(/^> Authorization: Basic <redacted>\r$/m);
    const trace = await qurl(['-s', '--trace-ascii', '-', '--digest', '-u', 'u:p w', '-o', '/dev/null', `${base}/digest`]);
    expect(trace.stdout).toMatch(/Authorization: Digest <redacted>/);
    expect(trace.stdout).not.toContain(Buffer.from('u:p w').toString('base64'));
    expect(trace.stdout).not.toMatch(/response="/);
  });
});
