// SOCKS5 (RFC 1928/1929) and SOCKS4/4a proxies: resolution where asked, auth, every reply code, timeouts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { qurl } from '../helpers/run-qurl.js';
import { startSocksServer, type TestSocks } from '../helpers/socks-server.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
let socks: TestSocks;
let authSocks: TestSocks;
beforeAll(async () => {
  serve = await withServe();
  socks = await startSocksServer();
  authSocks = await startSocksServer({ auth: 'su:sp' });
});
afterAll(async () => {
  await serve.close();
  await socks.close();
  await authSocks.close();
});

const at = (s: TestSocks, scheme: string): string => `${scheme}://127.0.0.1:${s.port}`;
const tlsPort = (): string => new URL(serve.httpsUrl).port;

describe('SOCKS proxies', () => {
  it('socks5:// resolves locally, socks5h:// lets the proxy resolve; HTTP/2 inside', async () => {
    const local = await qurl(['-v', '-x', at(socks, 'socks5'), '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_version} %{proxy_used}', `${serve.httpsUrl}/get`]);
    expect(local.stdout).toBe('2 1');
    expect(socks.targets.at(-1)).toBe(`127.0.0.1:${tlsPort()}`);
    expect(local.stderr).toMatch(/^\* SOCKS5 connect to 127\.0\.0\.1:\d+ \(locally resolved\)$/m);
    expect(local.stderr).toMatch(/^\* SOCKS5 request granted\.$/m);
    const remote = await qurl(['-s', '--socks5-hostname', `127.0.0.1:${socks.port}`, '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_code}', `${serve.httpsUrl}/get`]);
    expect(remote.stdout).toBe('200');
    expect(socks.targets.at(-1)).toBe(`localhost:${tlsPort()}`);
  });

  it('username/password (RFC 1929); wrong credentials are 97', async () => {
    const ok = await qurl(['-s', '-x', `socks5://su:sp@127.0.0.1:${authSocks.port}`, '-o', '/dev/null', '-w', '%{http_code}', `${serve.httpUrl}/get`]);
    expect(ok.stdout).toBe('200');
    const viaU = await qurl(['-s', '-x', at(authSocks, 'socks5'), '-U', 'su:sp', '-o', '/dev/null', '-w', '%{http_code}', `${serve.httpUrl}/get`]);
    expect(viaU.stdout).toBe('200');
    const bad = await qurl(['-sS', '-x', at(authSocks, 'socks5'), '-U', 'su:wrong', `${serve.httpUrl}/get`]);
    expect(bad.exitCode).toBe(97);
    expect(bad.stderr).toMatch(/SOCKS5: the proxy rejected the user name and password/);
    const none = await qurl(['-sS', '-x', at(authSocks, 'socks5'), `${serve.httpUrl}/get`]);
    expect(none.exitCode).toBe(97);
    expect(none.stderr).toMatch(/accepts none of our authentication methods/);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('reply %i becomes a clear message and 97', async (code) => {
    const s = await startSocksServer({ reply: code });
    const r = await qurl(['-sS', '-x', at(s, 'socks5'), `${serve.httpUrl}/get`]);
    await s.close();
    expect(r.exitCode).toBe(97);
    expect(r.stderr).toMatch(new RegExp(`SOCKS5: .+ \\(reply ${code}\\)`));
    if (code === 5) expect(r.stderr).toContain('SOCKS5: connection refused by destination (reply 5)');
  });

  it('a silent SOCKS proxy ends with 28 within --connect-timeout', async () => {
    const s = await startSocksServer({ silent: true });
    const r = await qurl(['-sS', '-x', at(s, 'socks5'), '--connect-timeout', '1', '-w', '%{time_total}', `${serve.httpUrl}/get`]);
    await s.close();
    expect(r.exitCode).toBe(28);
    expect(r.stderr).toMatch(new RegExp(`^qurl: \\(28\\) Connection timed out after \\d+ milliseconds \\(socks5 to 127\\.0\\.0\\.1 port ${s.port}\\)\n$`));
    // the timer's 1 s, not before it; the upper bound is 5× that, so a loaded machine passes
    expect(Number(r.stdout)).toBeGreaterThanOrEqual(1);
    expect(Number(r.stdout)).toBeLessThan(5);
  });

  it('socks4 and socks4a', async () => {
    const four = await qurl(['-s', '-x', at(socks, 'socks4'), '-o', '/dev/null', '-w', '%{http_code}', `${serve.httpUrl}/get`]);
    expect(four.stdout).toBe('200');
    const fourA = await qurl(['-s', '-x', at(socks, 'socks4a'), '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_code}', `${serve.httpsUrl}/get`]);
    expect(fourA.stdout).toBe('200');
    expect(socks.targets.at(-1)).toBe(`localhost:${tlsPort()}`);
  });

  it("a proxy name that does not resolve is 5", async () => {
    const r = await qurl(['-sS', '-x', 'socks5://proxy.invalid:1080', `${serve.httpUrl}/get`]);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toContain('Could not resolve proxy: proxy.invalid');
  });
});
