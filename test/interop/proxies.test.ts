// Proxy tunnels against real proxies: squid (with and without basic auth), tinyproxy (HTTP/1.0 200),
// danted (SOCKS5 with a system user) and microsocks (SOCKS5 user/pass); qurl and curl side by side.
import { execa, type ResultPromise } from 'execa';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type RunningServe } from '../../src/serve/index.js';
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
for (const [name, ok] of Object.entries(peers)) if (!ok) console.warn(`interop proxies: ${name} is missing, its tests are skipped (apt-get install -y squid apache2-utils tinyproxy dante-server microsocks curl)`);

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
  const [q, c] = await Promise.all([run('node', [QURL_BIN, '-s', ...args]), peers.curl ? run('curl', ['-s', ...args]) : Promise.resolve({ code: -1, body: '' })]);
  return { qurl: q, curl: c };
}

const cases = (): [string, boolean, string[]][] => [
  ['squid', peers.squid, ['-x', `http://127.0.0.1:${ports.squid}`]],
  ['squid with basic auth', peers.squid && peers.htpasswd, ['-x', `http://qu:qp@127.0.0.1:${ports['squid-auth']}`]],
  ['tinyproxy (HTTP/1.0 200)', peers.tinyproxy, ['-x', `http://127.0.0.1:${ports.tinyproxy}`]],
  ['danted (SOCKS5, system user)', peers.danted, ['-x', `socks5://${DANTE_USER}:${DANTE_PASS}@127.0.0.1:${ports.danted}`]],
  ['microsocks (SOCKS5 user/pass)', peers.microsocks, ['-x', `socks5h://mu:mp@127.0.0.1:${ports.microsocks}`]],
];

describe('through real proxies', () => {
  it.each([0, 1, 2, 3, 4])('case %i: HTTPS over HTTP/1.1 and HTTP/2, bodies equal to a direct fetch and to curl', async (i) => {
    const [name, present, proxyArgs] = cases()[i]!;
    if (!present) return;
    const url = `${origin.httpsUrl}/bytes/200000`;
    const direct = await qurlBuffer(['--cacert', origin.caFile, url]);
    for (const version of ['--http1.1', '--http2']) {
      const r = await both([...proxyArgs, version, '--cacert', origin.caFile, url]);
      expect(r.qurl.code, `${name} ${version}`).toBe(0);
      expect(Buffer.from(r.qurl.body, 'latin1').equals(direct.stdout), `${name} ${version}`).toBe(true);
      if (peers.curl) expect(r.curl.body, `curl through ${name}`).toBe(r.qurl.body);
    }
  });

  it.each([0, 1, 2, 3, 4])('case %i: --http3 goes over TCP through the proxy and says so; --http3-only is refused before it (exit 3)', async (i) => {
    const [name, present, proxyArgs] = cases()[i]!;
    if (!present) return;
    const url = `${origin.httpsUrl}/bytes/200000`;
    const direct = await qurlBuffer(['--cacert', origin.caFile, url]);
    const viaTcp = await qurl([...proxyArgs, '--http3', '-v', '--cacert', origin.caFile, '-w', '%{http_version}', '-o', join(dir, `h3-${i}.bin`), url]);
    expect(viaTcp.exitCode, name).toBe(0);
    expect(viaTcp.stdout, name).toBe('2');
    expect(viaTcp.stderr).toMatch(/^\* HTTP\/3 is not supported over an? (HTTP|SOCKS) proxy: using TCP through the proxy instead \(--http3\)$/m);
    expect(readFileSync(join(dir, `h3-${i}.bin`)).equals(direct.stdout), name).toBe(true);
    const only = await qurlBuffer([...proxyArgs, '--http3-only', '--cacert', origin.caFile, url]);
    expect(only.exitCode, name).toBe(3);
  });

  it('same exit codes as curl for refused credentials', async () => {
    const url = `${origin.httpsUrl}/get`;
    const bad: [boolean, string[]][] = [
      [peers.squid && peers.htpasswd, ['-x', `http://qu:wrong@127.0.0.1:${ports['squid-auth']}`]],
      [peers.squid && peers.htpasswd, ['-x', `http://127.0.0.1:${ports['squid-auth']}`]],
      [peers.danted, ['-x', `socks5://${DANTE_USER}:wrong@127.0.0.1:${ports.danted}`]],
      [peers.microsocks, ['-x', `socks5://mu:wrong@127.0.0.1:${ports.microsocks}`]],
    ];
    for (const [present, args] of bad) {
      if (!present) continue;
      const r = await both([...args, '--cacert', origin.caFile, url]);
      expect(r.qurl.code, args.join(' ')).not.toBe(0);
      if (peers.curl) expect(r.qurl.code, `qurl vs curl: ${args.join(' ')}`).toBe(r.curl.code);
    }
  });
});
