// Proxy tunnels against real proxies: squid (with and without basic auth), tinyproxy (HTTP/1.0 200),
// danted (SOCKS5 with a system user) and microsocks (SOCKS5 user/pass); qurl and curl side by side.
import { execa, type ResultPromise } from 'execa';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { startServe, type RunningServe } from '../../src/serve/index.js';
import { needs, type Needs } from '../helpers/needs.js';
import { hermeticEnv, qurl, qurlBuffer, QURL_BIN } from '../helpers/run-qurl.js';
import { freePort, hasCommand, stop, waitForPort } from './helpers/peer.js';

const peers = {
  squid: await hasCommand('squid', ['-v']),
  htpasswd: await hasCommand('htpasswd', ['-nbB', 'a', 'b']),
  tinyproxy: await hasCommand('tinyproxy', ['-v']),
  danted: await hasCommand('danted', ['-v']),
  microsocks: await execa('sh', ['-c', 'command -v microsocks'], { reject: false }).then((r) => r.exitCode === 0),
  curl: await hasCommand('curl'),
};
type PeerName = keyof typeof peers;
const DEBIAN_PACKAGE: Record<PeerName, string> = {
  squid: 'squid', htpasswd: 'apache2-utils', tinyproxy: 'tinyproxy', danted: 'dante-server', microsocks: 'microsocks', curl: 'curl',
};

/** Tests that need all of `names`: skipped (or failing in CI) naming the ones that are missing. */
function needing(...names: PeerName[]): Needs {
  const missing = names.filter((n) => !peers[n]);
  return needs(missing.length === 0, missing.map((n) => `${n} (apt-get install -y ${DEBIAN_PACKAGE[n]})`).join(' and '));
}

const dir = mkdtempSync(join(tmpdir(), 'qurl-proxies-'));
chmodSync(dir, 0o777);
const running: ResultPromise[] = [];
let origin: RunningServe;
const ports: Record<string, number> = {};
const DANTE_USER = 'qurltest';
const DANTE_PASS = 'qurl-pass-1';

async function spawnPeer(name: string, cmd: string, args: string[], port: number): Promise<void> {
  const p = execa(cmd, args, { reject: false, stdio: 'ignore', env: { HOME: dir } });
  running.push(p);
  ports[name] = port;
  await waitForPort(port, 10_000, name);
}

async function startSquid(name: string, withAuth: boolean): Promise<void> {
  const port = await freePort();
  const conf = join(dir, `${name}.conf`);
  const auth = withAuth
    ? `auth_param basic program /usr/lib/squid/basic_ncsa_auth ${join(dir, 'passwd')}\nacl authed proxy_auth REQUIRED\nhttp_access allow authed\nhttp_access deny all\n`
    : 'http_access allow all\n';
  writeFileSync(conf, `http_port 127.0.0.1:${port}\n${auth}cache deny all\naccess_log none\ncache_log /dev/null\npid_filename ${join(dir, `${name}.pid`)}\ncoredump_dir ${dir}\nvisible_hostname qurl-test\nshutdown_lifetime 0 seconds\n`);
  await spawnPeer(name, 'squid', ['-N', '-f', conf], port);
}

beforeAll(async () => {
  origin = await startServe();
  if (peers.squid && peers.htpasswd) {
    await execa('htpasswd', ['-cb', join(dir, 'passwd'), 'qu', 'qp']);
    chmodSync(join(dir, 'passwd'), 0o644);
    await startSquid('squid', false);
    await startSquid('squid-auth', true);
  }
  if (peers.tinyproxy) {
    const port = await freePort();
    writeFileSync(join(dir, 'tinyproxy.conf'), `Port ${port}\nListen 127.0.0.1\nAllow 127.0.0.1\nUser nobody\nGroup nogroup\nMaxClients 20\n`);
    await spawnPeer('tinyproxy', 'tinyproxy', ['-d', '-c', join(dir, 'tinyproxy.conf')], port);
  }
  if (peers.danted) {
    await execa('sh', ['-c', `id ${DANTE_USER} >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin ${DANTE_USER}; echo '${DANTE_USER}:${DANTE_PASS}' | chpasswd`], { reject: false });
    const port = await freePort();
    writeFileSync(
      join(dir, 'danted.conf'),
      `logoutput: stderr\ninternal: 127.0.0.1 port = ${port}\nexternal: 127.0.0.1\nsocksmethod: username\nuser.privileged: root\nuser.unprivileged: nobody\n` +
        'client pass {\n  from: 127.0.0.0/8 to: 0.0.0.0/0\n}\nsocks pass {\n  from: 127.0.0.0/8 to: 0.0.0.0/0\n}\n',
    );
    await spawnPeer('danted', 'danted', ['-f', join(dir, 'danted.conf'), '-N', '1'], port);
  }
  if (peers.microsocks) {
    const port = await freePort();
    await spawnPeer('microsocks', 'microsocks', ['-i', '127.0.0.1', '-p', String(port), '-u', 'mu', '-P', 'mp'], port);
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(running.map((p) => stop(p)));
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
  { name: 'squid', needs: needing('squid', 'htpasswd', 'curl'), args: () => ['-x', `http://127.0.0.1:${ports.squid}`] },
  { name: 'squid with basic auth', needs: needing('squid', 'htpasswd', 'curl'), args: () => ['-x', `http://qu:qp@127.0.0.1:${ports['squid-auth']}`] },
  { name: 'tinyproxy (HTTP/1.0 200)', needs: needing('tinyproxy', 'curl'), args: () => ['-x', `http://127.0.0.1:${ports.tinyproxy}`] },
  { name: 'danted (SOCKS5, system user)', needs: needing('danted', 'curl'), args: () => ['-x', `socks5://${DANTE_USER}:${DANTE_PASS}@127.0.0.1:${ports.danted}`] },
  { name: 'microsocks (SOCKS5 user/pass)', needs: needing('microsocks', 'curl'), args: () => ['-x', `socks5h://mu:mp@127.0.0.1:${ports.microsocks}`] },
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

describe('refused proxy credentials: the same exit code as curl', () => {
  const bad: readonly { name: string; needs: Needs; args: () => string[]; code: number }[] = [
    // curl: (56) CONNECT tunnel failed, response 407
    { name: 'squid, wrong password', needs: needing('squid', 'htpasswd', 'curl'), args: () => ['-x', `http://qu:wrong@127.0.0.1:${ports['squid-auth']}`], code: 56 },
    { name: 'squid, no credentials', needs: needing('squid', 'htpasswd', 'curl'), args: () => ['-x', `http://127.0.0.1:${ports['squid-auth']}`], code: 56 },
    // curl: (97) User was rejected by the SOCKS5 server
    { name: 'danted, wrong password', needs: needing('danted', 'curl'), args: () => ['-x', `socks5://${DANTE_USER}:wrong@127.0.0.1:${ports.danted}`], code: 97 },
    { name: 'microsocks, wrong password', needs: needing('microsocks', 'curl'), args: () => ['-x', `socks5://mu:wrong@127.0.0.1:${ports.microsocks}`], code: 97 },
  ];
  for (const { name, needs: peer, args, code } of bad) {
    peer.it(`${name}: ${code}`, async () => {
      const r = await both([...args(), '--cacert', origin.caFile, `${origin.httpsUrl}/get`]);
      expect(r.curl.code, `curl: ${name}`).toBe(code);
      expect(r.qurl.code, `qurl: ${name}`).toBe(code);
    });
  }
});
