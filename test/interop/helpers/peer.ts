// Shared by the interop tests: find a peer binary, pick a free port, wait for a peer to listen, stop it.
import { execa, type ResultPromise } from 'execa';
import net from 'node:net';

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
