// HTTP/2 on node:http2 over qurl's own connection chain: protocol choice, heads, bodies, reuse, resets.
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { qurl, qurlBuffer } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
beforeAll(async () => {
  serve = await withServe();
});
afterAll(() => serve.close());

describe('HTTP/2', () => {
  it('https offers h2,http/1.1 and uses h2 when the server agrees', async () => {
    const r = await qurl(['-v', '--cacert', serve.caFile, '-w', '%{http_version}', `${serve.httpsUrl}/get`]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^\* ALPN: offers h2,http\/1\.1$/m);
    expect(r.stderr).toMatch(/^\* ALPN: server accepted h2$/m);
    expect(r.stderr).toMatch(/^> GET \/get HTTP\/2\r$/m);
    expect(r.stderr).toMatch(/^> Host: localhost:\d+\r$/m);
    expect(r.stderr).toMatch(/^< HTTP\/2 200\r$/m);
    expect(r.stdout.endsWith('}\n2')).toBe(true);
  });

  it('--http1.1 keeps to HTTP/1.1; --http2 is the same as the default', async () => {
    const one = await qurl(['-s', '--http1.1', '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_version}', `${serve.httpsUrl}/get`]);
    expect(one.stdout).toBe('1.1');
    const two = await qurl(['-s', '--http2', '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_version}', `${serve.httpsUrl}/get`]);
    expect(two.stdout).toBe('2');
  });

  it('--http2-prior-knowledge speaks h2c on http://', async () => {
    const r = await qurl(['-s', '-i', '--http2-prior-knowledge', `${serve.h2cUrl}/headers`]);
    expect(r.stdout).toMatch(/^HTTP\/2 200\r\ncontent-type: application\/json\r\n/);
    expect(JSON.parse(r.stdout.split('\r\n\r\n')[1]!).headers['user-agent']).toBe('qurl/0.1.0');
  });

  it('plain http:// without prior knowledge stays HTTP/1.1', async () => {
    const r = await qurl(['-s', '-o', '/dev/null', '-w', '%{http_version}', `${serve.httpUrl}/get`]);
    expect(r.stdout).toBe('1.1');
  });

  it('one connection carries several URLs', async () => {
    const u = `${serve.httpsUrl}/bytes/1000`;
    const r = await qurl(['-s', '--cacert', serve.caFile, '-o', '/dev/null', '-o', '/dev/null', '-o', '/dev/null', '-w', '%{num_connects}', u, u, u]);
    expect(r.stdout).toBe('100');
  });

  it('bodies both ways, redirects and -f work the same as over HTTP/1.1', async () => {
    const big = await qurlBuffer(['--cacert', serve.caFile, `${serve.httpsUrl}/bytes/3000000`]);
    expect(big.stdout.length).toBe(3_000_000);
    const post = await qurl(['-s', '--cacert', serve.caFile, '--json', '{"k":1}', `${serve.httpsUrl}/anything`]);
    expect(JSON.parse(post.stdout)).toMatchObject({ method: 'POST', json: { k: 1 } });
    const hops = await qurl(['-s', '-L', '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{num_redirects} %{http_version}', `${serve.httpsUrl}/redirect/3`]);
    expect(hops.stdout).toBe('3 2');
    expect((await qurl(['-f', '--cacert', serve.caFile, `${serve.httpsUrl}/status/404`])).exitCode).toBe(22);
  });

  it('a stream reset mid-body ends with 92, keeping what arrived', async () => {
    const server = http2.createServer();
    server.on('stream', (stream) => {
      stream.on('error', () => {});
      stream.respond({ ':status': 200 });
      stream.write('partial');
      // destroy() with an error sends RST_STREAM(INTERNAL_ERROR); close(code) would first end the stream cleanly
      setTimeout(() => stream.destroy(new Error('boom')), 50);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const r = await qurl(['-sS', '--http2-prior-knowledge', `http://127.0.0.1:${port}/`]);
    server.close();
    expect(r.exitCode).toBe(92);
    expect(r.stdout).toBe('partial');
    expect(r.stderr).toMatch(/HTTP\/2 stream 1 was not closed cleanly: INTERNAL_ERROR \(err 2\)/);
  });

  it('h2c prior knowledge to a server that does not speak h2 fails with a clear error', async () => {
    // The HTTP/1.1 server answers the preface with "HTTP/1.1 400 Bad Request", which is no SETTINGS frame.
    const r = await qurl(['-sS', '-m', '5', '--http2-prior-knowledge', `${serve.httpUrl}/get`]);
    expect(r.exitCode).toBe(16);
    expect(r.stderr).toBe('qurl: (16) HTTP/2 error: the server broke the protocol (nghttp2: Protocol error); connection closed\n');
  });
});
