// An in-process HTTP proxy for tests: CONNECT tunnels and absolute-form forwarding, optional Basic auth,
// and hooks to misbehave. It records every request head it received.
import net from 'node:net';
import type { Running } from './raw-servers.js';

export interface ProxyOptions {
  /** 'user:pass' the proxy demands (407 otherwise). */
  readonly auth?: string;
  /** Replaces the proxy's answer to CONNECT (write garbage, a 403, nothing, a split reply…). */
  readonly onConnect?: (client: net.Socket, head: string) => boolean;
  /** Status line for a successful CONNECT. */
  readonly okLine?: string;
  /** Send the CONNECT reply together with the target's first bytes, in one write (a target that speaks first). */
  readonly coalesceReply?: boolean;
}

export interface TestProxy extends Running {
  readonly heads: string[];
}

export function startHttpProxy(options: ProxyOptions = {}): Promise<TestProxy> {
  const heads: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const head = buf.subarray(0, end + 4).toString('latin1');
      const rest = buf.subarray(end + 4);
      heads.push(head);
      const [method, target] = head.split(' ');
      const auth = /^Proxy-Authorization: Basic (.+)\r$/im.exec(head)?.[1];
      if (options.auth && (!auth || Buffer.from(auth, 'base64').toString() !== options.auth)) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="qurl-test"\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      if (method === 'CONNECT' && options.onConnect?.(client, head)) return;
      const url = method === 'CONNECT' ? new URL(`http://${target}`) : new URL(target ?? '');
      const upstream = net.connect(Number(url.port || 80), url.hostname.replace(/^\[|\]$/g, ''));
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.once('connect', async () => {
        const okHead = `${options.okLine ?? 'HTTP/1.1 200 Connection established'}\r\n\r\n`;
        const first = method === 'CONNECT' && options.coalesceReply ? await new Promise<Buffer>((r) => upstream.once('data', r)) : Buffer.alloc(0);
        if (method === 'CONNECT') client.write(Buffer.concat([Buffer.from(okHead), first]));
        else upstream.write(buf.subarray(0, end + 4));
        if (rest.length) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
      });
    };
    client.on('data', onData);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        heads,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
