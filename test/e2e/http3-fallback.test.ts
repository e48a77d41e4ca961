// --http3 and --http3-only where HTTP/3 cannot run: through proxies (tunnels carry no UDP), on http://, and
// against a server with nothing on its UDP port. (HTTP/3 itself: http3.test.ts and the caddy/ngtcp2 interop.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type RunningServe } from '../../src/serve/index.js';
import { startHttpProxy, type TestProxy } from '../helpers/http-proxy.js';
import { qurl } from '../helpers/run-qurl.js';
import { startSocksServer, type TestSocks } from '../helpers/socks-server.js';

let serve: RunningServe;
let proxy: TestProxy;
let socks: TestSocks;
beforeAll(async () => {
  // HTTP/3 off: nothing listens on the TLS port's UDP twin.
  serve = await startServe({ host: '127.0.0.1', h3: false });
  proxy = await startHttpProxy();
  socks = await startSocksServer();
});
afterAll(async () => {
  await serve.close();
  await proxy.close();
  await socks.close();
});

describe('--http3-only where QUIC cannot go', () => {
  it('through an HTTP proxy: exit 3 before anything reaches the proxy', async () => {
    const before = proxy.heads.length;
    const r = await qurl(['--http3-only', '-x', proxy.url, '--cacert', serve.caFile, `${serve.httpsUrl}/get`]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/^qurl: \(3\) HTTP\/3 is not supported over an HTTP proxy: .+$/m);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(proxy.heads.length).toBe(before);
  });

  it('through a SOCKS proxy, also from the environment: exit 3, the proxy sees nothing', async () => {
    const before = socks.targets.length;
    const r = await qurl(['--http3-only', '--cacert', serve.caFile, `${serve.httpsUrl}/get`], {
      env: { HTTPS_PROXY: `socks5h://127.0.0.1:${socks.port}` },
    });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/HTTP\/3 is not supported over a SOCKS proxy/);
    expect(socks.targets.length).toBe(before);
  });

  it('on an http:// URL: exit 3', async () => {
    const r = await qurl(['--http3-only', `${serve.httpUrl}/get`]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/HTTP\/3 requested for non-HTTPS URL/);
  });

  it('with nothing listening on the UDP port: exit 7 at once, no TCP attempt', async () => {
    const r = await qurl(['--http3-only', '--cacert', serve.caFile, '-v', `${serve.httpsUrl}/get`]);
    expect(r.exitCode).toBe(7);
    expect(r.stderr).toMatch(/^qurl: \(7\) Failed to connect to localhost port \d+ over QUIC: Connection refused/m);
    expect(r.stderr).toMatch(/^\* ALPN: offers h3$/m);
    expect(r.stderr).not.toMatch(/offers h2/);
  });
});

describe('--http3 falls back to TCP and says why in -v', () => {
  it('through an HTTP proxy: CONNECT over TCP, h2 inside the tunnel', async () => {
    const before = proxy.heads.length;
    const r = await qurl(['--http3', '-v', '-x', proxy.url, '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_code} %{http_version} %{http_connect}', `${serve.httpsUrl}/get`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('200 2 200');
    expect(r.stderr).toMatch(/^\* HTTP\/3 is not supported over an HTTP proxy: using TCP through the proxy instead \(--http3\)$/m);
    expect(proxy.heads[before]).toMatch(/^CONNECT localhost:\d+ HTTP\/1\.1\r\n/);
  });

  it('through a SOCKS5 proxy', async () => {
    const r = await qurl(['--http3', '-v', '-x', `socks5h://127.0.0.1:${socks.port}`, '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_code} %{http_version}', `${serve.httpsUrl}/get`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('200 2');
    expect(r.stderr).toMatch(/^\* HTTP\/3 is not supported over a SOCKS proxy: using TCP through the proxy instead \(--http3\)$/m);
  });

  it('when the server has no HTTP/3: the QUIC failure is named, then HTTP/2 over TCP', async () => {
    const r = await qurl(['--http3', '-v', '--cacert', serve.caFile, '-w', '%{http_version} %{num_connects}', '-o', '/dev/null', `${serve.httpsUrl}/get`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('2 1');
    expect(r.stderr).toMatch(/^\* HTTP\/3 to localhost port \d+ failed \(Failed to connect to localhost port \d+ over QUIC: Connection refused.*\): falling back to TCP \(--http3\)$/m);
  });

  it('on http:// it is plain HTTP/1.1, as curl does', async () => {
    const r = await qurl(['--http3', '-s', '-o', '/dev/null', '-w', '%{http_version}', `${serve.httpUrl}/get`]);
    expect(r.stdout).toBe('1.1');
  });
});
