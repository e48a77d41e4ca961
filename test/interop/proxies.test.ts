// Proxy tunnels against real proxies: squid (no auth, Basic, Digest), tinyproxy (HTTP/1.0 200),
// danted (SOCKS5 with a system user) and microsocks (SOCKS5 user/pass); qurl and curl side by side.
import { execa } from 'execa';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { startServe, type RunningServe } from '../../src/serve/index.js';
import type { Needs } from '../helpers/needs.js';
import { hermeticEnv, qurl, qurlBuffer, QURL_BIN } from '../helpers/run-qurl.js';
import {
  DANTE_PASS, DANTE_USER, MICROSOCKS_PASS, MICROSOCKS_USER, SQUID_PASS, SQUID_USER, needing, startProxyPeers, type ProxyPeers,
} from './helpers/proxy-peers.js';

const dir = mkdtempSync(join(tmpdir(), 'qurl-proxies-'));
let origin: RunningServe;
let proxies: ProxyPeers;

beforeAll(async () => {
  origin = await startServe();
  proxies = await startProxyPeers(['squid', 'squid-auth', 'squid-digest', 'tinyproxy', 'danted', 'microsocks']);
}, 60_000);

afterAll(async () => {
  await proxies?.stop();
  await origin?.close();
});

async function both(args: string[]): Promise<{ qurl: { code: number; body: string }; curl: { code: number; body: string } }> {
  const run = (cmd: string, argv: string[]) =>
    execa(cmd, argv, { reject: false, env: hermeticEnv(), extendEnv: false, encoding: 'buffer', stripFinalNewline: false, timeout: 30_000 }).then((r) => ({
      code: r.exitCode ?? -1,
      body: Buffer.from(r.stdout).toString('latin1'),
    }));
  const [q, c] = await Promise.all([run('node', [QURL_BIN, '-s', ...args]), run('curl', ['-s', ...args])]);
  return { qurl: q, curl: c };
}

interface ProxyCase {
  readonly name: string;
  readonly needs: Needs;
  /** Read when the test runs: the ports are known only after beforeAll. */
  readonly args: () => string[];
}

// Every case compares with curl through the same proxy, so curl is needed too.
const cases: readonly ProxyCase[] = [
  { name: 'squid', needs: needing('squid', 'htpasswd', 'curl'), args: () => ['-x', `http://127.0.0.1:${proxies.port('squid')}`] },
  { name: 'squid with basic auth', needs: needing('squid', 'htpasswd', 'curl'), args: () => ['-x', `http://${SQUID_USER}:${SQUID_PASS}@127.0.0.1:${proxies.port('squid-auth')}`] },
  { name: 'squid with digest auth (--proxy-digest)', needs: needing('squid', 'curl'), args: () => ['--proxy-digest', '-U', `${SQUID_USER}:${SQUID_PASS}`, '-x', `http://127.0.0.1:${proxies.port('squid-digest')}`] },
  { name: 'squid with digest auth (--proxy-anyauth)', needs: needing('squid', 'curl'), args: () => ['--proxy-anyauth', '-U', `${SQUID_USER}:${SQUID_PASS}`, '-x', `http://127.0.0.1:${proxies.port('squid-digest')}`] },
  { name: 'tinyproxy (HTTP/1.0 200)', needs: needing('tinyproxy', 'curl'), args: () => ['-x', `http://127.0.0.1:${proxies.port('tinyproxy')}`] },
  { name: 'danted (SOCKS5, system user)', needs: needing('danted', 'curl'), args: () => ['-x', `socks5://${DANTE_USER}:${DANTE_PASS}@127.0.0.1:${proxies.port('danted')}`] },
  { name: 'microsocks (SOCKS5 user/pass)', needs: needing('microsocks', 'curl'), args: () => ['-x', `socks5h://${MICROSOCKS_USER}:${MICROSOCKS_PASS}@127.0.0.1:${proxies.port('microsocks')}`] },
];

describe('through real proxies', () => {
  for (const [i, { name, needs: peer, args }] of cases.entries()) {
    peer.it(`${name}: HTTPS over HTTP/1.1 and HTTP/2, bodies equal to a direct fetch and to curl`, async () => {
      const url = `${origin.httpsUrl}/bytes/200000`;
      const direct = await qurlBuffer(['--cacert', origin.caFile, url]);
      for (const version of ['--http1.1', '--http2']) {
        const r = await both([...args(), version, '--cacert', origin.caFile, url]);
        expect(r.qurl.code, `${name} ${version}`).toBe(0);
        expect(Buffer.from(r.qurl.body, 'latin1').equals(direct.stdout), `${name} ${version}`).toBe(true);
        expect(r.curl.body, `curl through ${name}`).toBe(r.qurl.body);
      }
    });

    peer.it(`${name}: --http3 goes over TCP through the proxy and says so; --http3-only is refused before it (exit 3)`, async () => {
      const url = `${origin.httpsUrl}/bytes/200000`;
      const direct = await qurlBuffer(['--cacert', origin.caFile, url]);
      const viaTcp = await qurl([...args(), '--http3', '-v', '--cacert', origin.caFile, '-w', '%{http_version}', '-o', join(dir, `h3-${i}.bin`), url]);
      expect(viaTcp.exitCode, name).toBe(0);
      expect(viaTcp.stdout, name).toBe('2');
      expect(viaTcp.stderr).toMatch(/^\* HTTP\/3 is not supported over an? (HTTP|SOCKS) proxy: using TCP through the proxy instead \(--http3\)$/m);
      expect(readFileSync(join(dir, `h3-${i}.bin`)).equals(direct.stdout), name).toBe(true);
      const only = await qurlBuffer([...args(), '--http3-only', '--cacert', origin.caFile, url]);
      expect(only.exitCode, name).toBe(3);
    });
  }
});

describe('proxy Digest in absolute form (http:// through squid)', () => {
  for (const flag of ['--proxy-digest', '--proxy-anyauth']) {
    needing('squid', 'curl').it(`${flag}: the 407 answered, the body and exit code equal to curl's`, async () => {
      const r = await both([flag, '-U', `${SQUID_USER}:${SQUID_PASS}`, '-x', `http://127.0.0.1:${proxies.port('squid-digest')}`, '-w', '%{http_code}', `${origin.httpUrl}/bytes/5000`]);
      expect(r.qurl.code).toBe(0);
      expect(r.qurl.body.endsWith('200')).toBe(true);
      expect(r.qurl).toEqual(r.curl);
    });
  }
});

describe('refused proxy credentials: the same exit code as curl', () => {
  const bad: readonly { name: string; needs: Needs; args: () => string[]; code: number }[] = [
    { name: 'squid digest, wrong password', needs: needing('squid', 'curl'), args: () => ['--proxy-digest', '-U', `${SQUID_USER}:wrong`, '-x', `http://127.0.0.1:${proxies.port('squid-digest')}`], code: 56 },
    // curl: (56) CONNECT tunnel failed, response 407
    { name: 'squid, wrong password', needs: needing('squid', 'htpasswd', 'curl'), args: () => ['-x', `http://${SQUID_USER}:wrong@127.0.0.1:${proxies.port('squid-auth')}`], code: 56 },
    { name: 'squid, no credentials', needs: needing('squid', 'htpasswd', 'curl'), args: () => ['-x', `http://127.0.0.1:${proxies.port('squid-auth')}`], code: 56 },
    // curl: (97) User was rejected by the SOCKS5 server
    { name: 'danted, wrong password', needs: needing('danted', 'curl'), args: () => ['-x', `socks5://${DANTE_USER}:wrong@127.0.0.1:${proxies.port('danted')}`], code: 97 },
    { name: 'microsocks, wrong password', needs: needing('microsocks', 'curl'), args: () => ['-x', `socks5://${MICROSOCKS_USER}:wrong@127.0.0.1:${proxies.port('microsocks')}`], code: 97 },
  ];
  for (const { name, needs: peer, args, code } of bad) {
    peer.it(`${name}: ${code}`, async () => {
      const r = await both([...args(), '--cacert', origin.caFile, `${origin.httpsUrl}/get`]);
      expect(r.curl.code, `curl: ${name}`).toBe(code);
      expect(r.qurl.code, `qurl: ${name}`).toBe(code);
    });
  }
});
