// qurl grpc through proxies given on the command line or in the environment (grpcurl cannot): HTTP CONNECT
// (h2c and TLS inside the tunnel, with auth), SOCKS5 and SOCKS5h; every call type, reflection included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { startHttpProxy, type TestProxy } from '../helpers/http-proxy.js';
import { qurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';
import { startSocksServer, type TestSocks } from '../helpers/socks-server.js';

let serve: RunningServe;
let proxy: TestProxy;
let authProxy: TestProxy;
let socks: TestSocks;
let h2c = '';
let tls = '';
beforeAll(async () => {
  serve = await withServe();
  proxy = await startHttpProxy();
  authProxy = await startHttpProxy({ auth: 'pu:pp' });
  socks = await startSocksServer();
  h2c = new URL(serve.h2cUrl).host;
  tls = new URL(serve.httpsUrl).host;
});
afterAll(async () => {
  await serve.close();
  await proxy.close();
  await authProxy.close();
  await socks.close();
});

const at = (port: number, scheme = 'http', auth = ''): string => `${scheme}://${auth}127.0.0.1:${port}`;

/** Every call type over one route; returns what each printed. */
async function allCallTypes(route: string[], address: string, env?: Record<string, string>): Promise<void> {
  const run = (...args: string[]) => qurl(['grpc', ...route, ...args], { env });
  const echo = await run('-d', '{"message": "tunnelled"}', address, 'qurl.demo.v1.Demo/Echo');
  expect([echo.exitCode, echo.stderr]).toEqual([0, '']);
  expect(JSON.parse(echo.stdout)).toMatchObject({ message: 'tunnelled' });
  expect((await run('-d', '{"count": 2}', address, 'qurl.demo.v1.Demo/Count')).stdout).toBe('{\n  "value": "1"\n}\n{\n  "value": "2"\n}\n');
  const sum = await run('-d', '{"value": 2}{"value": 3}', address, 'qurl.demo.v1.Demo/Sum');
  expect([sum.exitCode, sum.stderr]).toEqual([0, '']);
  expect(JSON.parse(sum.stdout)).toEqual({ sum: '5', count: 2 });
  expect((await run('-d', '{"message": "x"}{"message": "y"}', address, 'qurl.demo.v1.Demo/Chat')).stdout.match(/"message": "[xy]"/g)).toHaveLength(2);
  expect((await run('-d', '{"code": 5}', address, 'qurl.demo.v1.Demo/Fail')).exitCode).toBe(69);
}

describe('qurl grpc through proxies', () => {
  it('-proxy http:// tunnels h2c and TLS with CONNECT (reflection too); the proxy saw only CONNECTs', async () => {
    const before = proxy.heads.length;
    await allCallTypes(['-plaintext', '-proxy', at(proxy.port)], h2c);
    await allCallTypes(['-cacert', serve.caFile, '-proxy', at(proxy.port)], tls);
    const heads = proxy.heads.slice(before);
    expect(heads.length).toBeGreaterThanOrEqual(10);
    expect(heads.every((h) => h.startsWith('CONNECT '))).toBe(true);
    for (const target of [h2c, tls]) expect(heads.some((h) => h.startsWith(`CONNECT ${target} HTTP/1.1\r\n`))).toBe(true);
  });

  it('proxy credentials in the URL; a 407 is curl\'s exit 56 with what to do', async () => {
    await allCallTypes(['-plaintext', '-proxy', at(authProxy.port, 'http', 'pu:pp@')], h2c);
    expect(authProxy.heads.at(-1)).toMatch(/\r\nProxy-Authorization: Basic cHU6cHA=\r\n/);
    const refused = await qurl(['grpc', '-plaintext', '-proxy', at(authProxy.port), '-d', '{}', h2c, 'qurl.demo.v1.Demo/Echo']);
    expect(refused.exitCode).toBe(56);
    expect(refused.stderr).toMatch(/^qurl: \(56\) Proxy CONNECT aborted: the proxy wants authentication .*give it in the proxy URL: -proxy http:\/\/USER:PASS@host:port$/m);
  });

  it('socks5:// and socks5h:// (the proxy resolves the name)', async () => {
    await allCallTypes(['-plaintext', '-proxy', at(socks.port, 'socks5')], h2c);
    expect(socks.targets.at(-1)).toBe(h2c);
    await allCallTypes(['-cacert', serve.caFile, '-proxy', at(socks.port, 'socks5h')], tls);
    expect(socks.targets.at(-1)).toBe(tls);
  });

  it('the proxy environment: https_proxy for TLS, http_proxy for -plaintext, NO_PROXY bypasses', async () => {
    const before = proxy.heads.length;
    await allCallTypes(['-cacert', serve.caFile], tls, { https_proxy: at(proxy.port) });
    await allCallTypes(['-plaintext'], h2c, { http_proxy: at(proxy.port) });
    expect(proxy.heads.length - before).toBeGreaterThanOrEqual(10);
    const bypassed = proxy.heads.length;
    await allCallTypes(['-plaintext'], h2c, { http_proxy: at(proxy.port), NO_PROXY: '127.0.0.1' });
    expect(proxy.heads.length).toBe(bypassed);
  });

  it('-out-json says the call was proxied and what the CONNECT answered', async () => {
    const r = await qurl(['grpc', '-plaintext', '-proxy', at(proxy.port), '-out-json', '-', '-d', '{}', h2c, 'qurl.demo.v1.Demo/Echo']);
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    const doc = JSON.parse(r.stdout.slice(r.stdout.indexOf('}\n') + 2)) as { connection: { proxied: boolean; httpConnect: number } };
    expect(doc.connection).toMatchObject({ proxied: true, httpConnect: 200 });
  });
});
