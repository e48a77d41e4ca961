// Issue 9 §5: the CONNECT request byte for byte, and nothing after its blank line until the proxy answers — a
// client that sent its TLS ClientHello (or an h1/h2 request) early would hand it to the proxy, not the origin.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { qurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
beforeAll(async () => {
  serve = await withServe();
});
afterAll(() => serve.close());

/** A proxy that records what arrives before it answers (it waits 300 ms), then tunnels to `port`. */
async function recordingProxy(port: number): Promise<{ url: string; before: () => string; close: () => Promise<void> }> {
  let before = '';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => {});
    const record = (d: Buffer): void => void (before += d.toString('latin1'));
    client.on('data', record);
    setTimeout(() => {
      client.off('data', record);
      const upstream = net.connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        client.pipe(upstream);
        upstream.pipe(client);
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
    }, 300);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    before: () => before,
    close: () => new Promise((done) => {
      for (const s of sockets) s.destroy();
      server.close(() => done());
    }),
  };
}

describe('the CONNECT request', () => {
  it('is exactly the head curl sends (Proxy-Connection included), nothing after it before the 200', async () => {
    const port = Number(new URL(serve.httpsUrl).port);
    const proxy = await recordingProxy(port);
    const r = await qurl(['-sS', '-x', proxy.url, '-U', 'user:secret', '-A', 'qurl-test/1', '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_code} %{http_connect}', `${serve.httpsUrl}/get`]);
    await proxy.close();
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('200 200');
    expect(proxy.before()).toBe(
      `CONNECT localhost:${port} HTTP/1.1\r\nHost: localhost:${port}\r\nProxy-Authorization: Basic ${Buffer.from('user:secret').toString('base64')}\r\nUser-Agent: qurl-test/1\r\nProxy-Connection: Keep-Alive\r\n\r\n`,
    );
  });
});
