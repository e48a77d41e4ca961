// An in-process HTTP proxy for tests: CONNECT tunnels and absolute-form forwarding, optional Basic auth,
// and hooks to misbehave. It records every request head it received.
import { createHash } from 'node:crypto';
import net from 'node:net';
import type { Running } from './raw-servers.js';

export interface ProxyOptions {
  /** 'user:pass' the proxy demands (407 otherwise). */
  readonly auth?: string;
  /** Demand Digest (RFC 7616, MD5, qop=auth) instead of Basic for `auth`. */
  readonly digest?: boolean;
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

const REALM = 'qurl-test';
const NONCE = 'b2ZmZXJlZC1ieS10aGUtdGVzdC1wcm94eQ';

function basicAccepted(head: string, userPass: string): boolean {
  const auth = /^Proxy-Authorization: Basic (.+)\r$/im.exec(head)?.[1];
  return auth !== undefined && Buffer.from(auth, 'base64').toString() === userPass;
}

/** Checks a Digest answer as RFC 7616 §3.4.1 computes it (MD5, qop=auth), independently of qurl's code. */
function digestAccepted(head: string, method: string, userPass: string): boolean {
  const value = /^Proxy-Authorization: Digest (.+)\r$/im.exec(head)?.[1];
  if (!value) return false;
  const p = Object.fromEntries([...value.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1]!, m[2] ?? m[3] ?? '']));
  const [user, password] = userPass.split(':');
  const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
  const ha1 = md5(`${user}:${REALM}:${password}`);
  const ha2 = md5(`${method}:${p.uri}`);
  return p.username === user && p.nonce === NONCE && p.response === md5(`${ha1}:${NONCE}:${p.nc}:${p.cnonce}:auth:${ha2}`);
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
      const head = buf.subarray(0, end + 4).toString('latin1');
      const rest = buf.subarray(end + 4);
      heads.push(head);
      const [method, target] = head.split(' ');
      if (options.auth && !(options.digest ? digestAccepted(head, method ?? '', options.auth) : basicAccepted(head, options.auth))) {
        const challenge = options.digest ? `Digest realm="${REALM}", nonce="${NONCE}", qop="auth", algorithm=MD5` : `Basic realm="${REALM}"`;
        // Kept open, as squid does: the client may answer on the same connection (curl does) or on a new one.
        client.write(`HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: ${challenge}\r\nContent-Length: 0\r\n\r\n`);
        buf = Buffer.alloc(0);
        if (rest.length > 0) onData(rest);
        return;
      }
      client.off('data', onData);
      // Without a 'data' listener a flowing socket drops what arrives (a fast client's TLS hello) until a pipe().
      client.pause();
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
