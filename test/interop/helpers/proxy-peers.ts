// Real proxies for the interop tests (proxies.test.ts, grpc-proxies.test.ts), on free ports with their state in
// a temp dir: squid (with and without basic auth), tinyproxy (HTTP/1.0 200), danted (SOCKS5 with a system user)
// and microsocks (SOCKS5 user/pass). Each one's log of what it proxied is kept for the tests to read.
import { execa, type ResultPromise } from 'execa';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needs, type Needs } from '../../helpers/needs.js';
import { freePort, hasCommand, stop, waitForPort } from './peer.js';

export const peers = {
  squid: await hasCommand('squid', ['-v']),
  htpasswd: await hasCommand('htpasswd', ['-nbB', 'a', 'b']),
  tinyproxy: await hasCommand('tinyproxy', ['-v']),
  danted: await hasCommand('danted', ['-v']),
  microsocks: await execa('sh', ['-c', 'command -v microsocks'], { reject: false }).then((r) => r.exitCode === 0),
  curl: await hasCommand('curl'),
};
export type PeerName = keyof typeof peers;
const DEBIAN_PACKAGE: Record<PeerName, string> = {
  squid: 'squid', htpasswd: 'apache2-utils', tinyproxy: 'tinyproxy', danted: 'dante-server', microsocks: 'microsocks', curl: 'curl',
};

/** Tests that need all of `names`: skipped (or failing in CI) naming the ones that are missing. */
export function needing(...names: PeerName[]): Needs {
  const missing = names.filter((n) => !peers[n]);
  return needs(missing.length === 0, missing.map((n) => `${n} (apt-get install -y ${DEBIAN_PACKAGE[n]})`).join(' and '));
}

export const SQUID_USER = 'qu';
export const SQUID_PASS = 'qp';
export const DANTE_USER = 'qurltest';
export const DANTE_PASS = 'qurl-pass-1';
export const MICROSOCKS_USER = 'mu';
export const MICROSOCKS_PASS = 'mp';

export type ProxyName = 'squid' | 'squid-auth' | 'squid-digest' | 'tinyproxy' | 'danted' | 'microsocks';
const PROGRAMS: Record<ProxyName, readonly PeerName[]> = {
  squid: ['squid', 'htpasswd'], 'squid-auth': ['squid', 'htpasswd'], 'squid-digest': ['squid'], tinyproxy: ['tinyproxy'], danted: ['danted'], microsocks: ['microsocks'],
};

export interface ProxyPeers {
  /** The proxy's port; only after startProxyPeers, for a proxy whose program is present. */
  port(name: ProxyName): number;
  /** What the proxy has logged so far: squid's access log (a line per tunnel, once it closes), the others' output. */
  log(name: ProxyName): string;
  stop(): Promise<void>;
}

/** Starts each of `names` whose programs this machine has; the others are left to needing() to report. */
export async function startProxyPeers(names: readonly ProxyName[]): Promise<ProxyPeers> {
  const dir = mkdtempSync(join(tmpdir(), 'qurl-proxy-peers-'));
  // squid and danted drop privileges: their logs and pid files go where any user can write.
  chmodSync(dir, 0o777);
  const running: ResultPromise[] = [];
  const ports: Partial<Record<ProxyName, number>> = {};
  const outFile = (name: ProxyName): string => join(dir, `${name}.out`);
  const accessLog = (name: ProxyName): string => join(dir, `${name}-access.log`);

  async function spawnPeer(name: ProxyName, cmd: string, args: string[], port: number): Promise<void> {
    const out = { file: outFile(name), append: true } as const;
    running.push(execa(cmd, args, { reject: false, stdin: 'ignore', stdout: out, stderr: out, env: { HOME: dir } }));
    ports[name] = port;
    await waitForPort(port, 10_000, name);
  }

  async function startSquid(name: 'squid' | 'squid-auth' | 'squid-digest'): Promise<void> {
    const port = await freePort();
    const conf = join(dir, `${name}.conf`);
    const required = 'acl authed proxy_auth REQUIRED\nhttp_access allow authed\nhttp_access deny all\n';
    const auth = {
      squid: 'http_access allow all\n',
      'squid-auth': `auth_param basic program /usr/lib/squid/basic_ncsa_auth ${join(dir, 'passwd')}\n${required}`,
      // digest_file_auth reads plain `user:password` lines.
      'squid-digest': `auth_param digest program /usr/lib/squid/digest_file_auth ${join(dir, 'digest-passwd')}\nauth_param digest realm qurl-test\n${required}`,
    }[name];
    // No SSL_ports/Safe_ports ACLs: CONNECT to any port (the test servers' are random) is allowed.
    writeFileSync(conf, `http_port 127.0.0.1:${port}\n${auth}cache deny all\naccess_log stdio:${accessLog(name)}\ncache_log /dev/null\npid_filename ${join(dir, `${name}.pid`)}\ncoredump_dir ${dir}\nvisible_hostname qurl-test\nshutdown_lifetime 0 seconds\n`);
    await spawnPeer(name, 'squid', ['-N', '-f', conf], port);
  }

  const wanted = names.filter((n) => PROGRAMS[n].every((p) => peers[p]));
  if (wanted.includes('squid-digest')) {
    writeFileSync(join(dir, 'digest-passwd'), `${SQUID_USER}:${SQUID_PASS}\n`);
    chmodSync(join(dir, 'digest-passwd'), 0o644);
  }
  if (wanted.includes('squid-auth')) {
    await execa('htpasswd', ['-cb', join(dir, 'passwd'), SQUID_USER, SQUID_PASS]);
    chmodSync(join(dir, 'passwd'), 0o644);
  }
  for (const name of wanted) {
    if (name === 'squid' || name === 'squid-auth' || name === 'squid-digest') await startSquid(name);
    if (name === 'tinyproxy') {
      const port = await freePort();
      writeFileSync(join(dir, 'tinyproxy.conf'), `Port ${port}\nListen 127.0.0.1\nAllow 127.0.0.1\nUser nobody\nGroup nogroup\nMaxClients 20\n`);
      await spawnPeer(name, 'tinyproxy', ['-d', '-c', join(dir, 'tinyproxy.conf')], port);
    }
    if (name === 'danted') {
      await execa('sh', ['-c', `id ${DANTE_USER} >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin ${DANTE_USER}; echo '${DANTE_USER}:${DANTE_PASS}' | chpasswd`], { reject: false });
      const port = await freePort();
      writeFileSync(
        join(dir, 'danted.conf'),
        `logoutput: stderr\ninternal: 127.0.0.1 port = ${port}\nexternal: 127.0.0.1\nsocksmethod: username\nuser.privileged: root\nuser.unprivileged: nobody\n` +
          'client pass {\n  from: 127.0.0.0/8 to: 0.0.0.0/0\n}\nsocks pass {\n  from: 127.0.0.0/8 to: 0.0.0.0/0\n  log: connect\n}\n',
      );
      await spawnPeer(name, 'danted', ['-f', join(dir, 'danted.conf'), '-N', '1'], port);
    }
    if (name === 'microsocks') {
      const port = await freePort();
      await spawnPeer(name, 'microsocks', ['-i', '127.0.0.1', '-p', String(port), '-u', MICROSOCKS_USER, '-P', MICROSOCKS_PASS], port);
    }
  }

  return {
    port(name) {
      const port = ports[name];
      if (port === undefined) throw new Error(`${name} was not started (${PROGRAMS[name].join(', ')} missing?)`);
      return port;
    },
    log(name) {
      const file = name.startsWith('squid') ? accessLog(name) : outFile(name);
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
    stop: async () => {
      await Promise.all(running.map((p) => stop(p)));
    },
  };
}
