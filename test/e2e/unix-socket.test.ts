// --unix-socket and --abstract-unix-socket (curl's), and qurl grpc's unix: addresses (grpc-go's): the same
// requests over a Unix domain socket, HTTP/1.1, h2c and TLS, with curl's -v lines and errors.
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { startHttpProxy, type TestProxy } from '../helpers/http-proxy.js';
import { qurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
let proxy: TestProxy;
const dir = mkdtempSync(join(tmpdir(), 'qurl-unix-'));
const sockets = { h1: join(dir, 'h1.sock'), h2c: join(dir, 'h2c.sock'), tls: join(dir, 'tls.sock'), abstract: `qurl-test-${process.pid}` };
const servers: net.Server[] = [];

/** A Unix socket whose connections are piped to a TCP port of qurl serve. */
function forward(path: string, port: number): Promise<void> {
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(path, resolve));
}

beforeAll(async () => {
  serve = await withServe();
  proxy = await startHttpProxy();
  const port = (u: string): number => Number(new URL(u).port);
  await forward(sockets.h1, port(serve.httpUrl));
  await forward(sockets.h2c, port(serve.h2cUrl));
  await forward(sockets.tls, port(serve.httpsUrl));
  await forward(`\0${sockets.abstract}`, port(serve.httpUrl));
});
afterAll(async () => {
  for (const s of servers) s.close();
  await proxy.close();
  await serve.close();
});

describe('Unix domain sockets', () => {
  it('--unix-socket: HTTP/1.1 with curl\'s -v lines; the URL still names the host', async () => {
    const r = await qurl(['-sv', '--unix-socket', sockets.h1, 'http://localhost/get?via=unix']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`*   Trying ${sockets.h1}:0...\n* Connected to localhost (${sockets.h1}) port 80 (#0)\n`);
    expect(JSON.parse(r.stdout)).toMatchObject({ args: { via: 'unix' }, headers: { Host: 'localhost' } });
  });

  it('h2c by prior knowledge and TLS (certificate checked against the URL\'s host) over a socket', async () => {
    const h2c = await qurl(['-s', '--http2-prior-knowledge', '--unix-socket', sockets.h2c, '-w', '%{http_version}', '-o', '/dev/null', 'http://localhost/get']);
    expect(h2c.stdout).toBe('2');
    const tls = await qurl(['-s', '--cacert', serve.caFile, '--unix-socket', sockets.tls, '-w', '%{http_version} %{ssl_verify_result}', '-o', '/dev/null', 'https://localhost/get']);
    expect(tls.stdout).toBe('2 0');
    const wrongName = await qurl(['-s', '--cacert', serve.caFile, '--unix-socket', sockets.tls, 'https://not-localhost.example/get']);
    expect(wrongName.exitCode).toBe(60);
  });

  it('--abstract-unix-socket: Linux\'s abstract namespace, shown with @ as curl does', async () => {
    const r = await qurl(['-sv', '--abstract-unix-socket', sockets.abstract, '-o', '/dev/null', '-w', '%{http_code}', 'http://localhost/get']);
    expect(r.stdout).toBe('200');
    expect(r.stderr).toContain(`*   Trying @${sockets.abstract}:0...\n`);
  });

  it('proxies are ignored, as in curl; a missing socket is exit 7 naming it; HTTP/3 is refused over it', async () => {
    const before = proxy.heads.length;
    const r = await qurl(['-s', '-x', `http://127.0.0.1:${proxy.port}`, '--unix-socket', sockets.h1, '-o', '/dev/null', '-w', '%{http_code}', 'http://localhost/get']);
    expect(r.stdout).toBe('200');
    expect(proxy.heads.length).toBe(before);
    const missing = await qurl(['-sS', '--unix-socket', join(dir, 'nope.sock'), 'http://localhost/']);
    expect([missing.exitCode, missing.stderr]).toEqual([7, `qurl: (7) Failed to connect to ${join(dir, 'nope.sock')}: No such file or directory\n`]);
    const h3 = await qurl(['-sS', '--http3-only', '--unix-socket', sockets.tls, 'https://localhost/']);
    expect(h3.exitCode).toBe(3);
    expect(h3.stderr).toMatch(/HTTP\/3 cannot go over a Unix socket/);
  });

  it('qurl grpc: unix:PATH, unix://PATH and -unix, every call type; TLS over the socket', async () => {
    for (const address of [`unix:${sockets.h2c}`, `unix://${sockets.h2c}`]) {
      const list = await qurl(['grpc', '-plaintext', address, 'list']);
      expect(list.stdout).toContain('qurl.demo.v1.Demo\n');
    }
    const run = (...args: string[]) => qurl(['grpc', '-plaintext', '-unix', ...args]);
    expect(JSON.parse((await run('-d', '{"message": "sock"}', sockets.h2c, 'qurl.demo.v1.Demo/Echo')).stdout)).toMatchObject({ message: 'sock' });
    expect((await run('-d', '{"count": 2}', sockets.h2c, 'qurl.demo.v1.Demo/Count')).stdout).toBe('{\n  "value": "1"\n}\n{\n  "value": "2"\n}\n');
    expect(JSON.parse((await run('-d', '{"value": 1}{"value": 2}', sockets.h2c, 'qurl.demo.v1.Demo/Sum')).stdout)).toEqual({ sum: '3', count: 2 });
    expect((await run('-d', '{"message": "a"}{"message": "b"}', sockets.h2c, 'qurl.demo.v1.Demo/Chat')).stdout.match(/"message"/g)).toHaveLength(2);
    const tls = await qurl(['grpc', '-cacert', serve.caFile, `unix:${sockets.tls}`, 'list']);
    expect([tls.exitCode, tls.stdout.includes('qurl.demo.v1.Demo')]).toEqual([0, true]);
    const missing = await qurl(['grpc', '-plaintext', `unix:${join(dir, 'none.sock')}`, 'list']);
    expect(missing.exitCode).toBe(7);
  });
});
