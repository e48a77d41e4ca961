// Shared by the interop tests: find a peer binary, pick a free port, wait for a peer to listen, stop it.
import { execa, type ResultPromise } from 'execa';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

export async function hasCommand(cmd: string, args: string[] = ['--version']): Promise<boolean> {
  return execa(cmd, args, { reject: false, timeout: 10_000 }).then((r) => r.exitCode === 0, () => false);
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, ms: number, name: string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not listen on ${port} within ${ms} ms`);
}

export async function stop(peer: ResultPromise | undefined): Promise<void> {
  if (!peer) return;
  peer.kill('SIGTERM');
  await peer;
}

export interface PeerFiles {
  readonly keyFile: string;
  readonly certFile: string;
  readonly caFile: string;
}

/** A localhost certificate for a peer and its CA for qurl's --cacert; plus the files a peer serves. */
export async function preparePeerDir(dir: string, www: string, files: Readonly<Record<string, Uint8Array>>): Promise<PeerFiles> {
  const { generateCertificates } = await import('../../../src/serve/index.js');
  mkdirSync(www, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(join(www, name), data);
  const certs = await generateCertificates();
  const out = { keyFile: join(dir, 'key.pem'), certFile: join(dir, 'cert.pem'), caFile: join(dir, 'ca.pem') };
  writeFileSync(out.keyFile, certs.keyPem);
  writeFileSync(out.certFile, certs.certPem);
  writeFileSync(out.caFile, certs.caPem);
  return out;
}

/** Waits until something listens on a UDP port: a datagram to a closed port comes back as ICMP "refused". */
export async function waitForUdpPort(port: number, ms: number, name: string): Promise<void> {
  const { createSocket } = await import('node:dgram');
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const open = await new Promise<boolean>((resolve) => {
      const s = createSocket('udp4');
      let settled = false;
      const done = (ok: boolean): void => {
        if (settled) return;
        settled = true;
        s.close();
        resolve(ok);
      };
      s.on('error', () => done(false));
      const probe = (): void => {
        if (!settled) s.send(Buffer.from('qurl-probe'));
      };
      s.connect(port, '127.0.0.1', () => {
        probe();
        setTimeout(probe, 50);
        setTimeout(() => done(true), 200);
      });
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not listen on UDP port ${port} within ${ms} ms`);
}

/** Runs Debian's caddy with a Caddyfile of `sites` (admin off, no automatic HTTPS), its state kept in `dir`. */
export function runCaddy(dir: string, protocols: string, sites: string): ResultPromise {
  writeFileSync(join(dir, 'Caddyfile'), `{\n  admin off\n  auto_https off\n  servers {\n    protocols ${protocols}\n  }\n}\n${sites}`);
  return execa('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
    env: { HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir },
    reject: false,
  });
}
