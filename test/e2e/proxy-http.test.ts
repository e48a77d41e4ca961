// HTTP proxies (-x http://): CONNECT tunnels for https (and -p), absolute form for http, auth, errors, env.
import { execa } from 'execa';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { startHttpProxy, type TestProxy } from '../helpers/http-proxy.js';
import { startRawServer } from '../helpers/raw-servers.js';
import { withCurl } from '../helpers/needs.js';
import { hermeticEnv, qurl, QURL_BIN } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
let proxy: TestProxy;
let authProxy: TestProxy;
let digestProxy: TestProxy;
beforeAll(async () => {
  serve = await withServe();
  proxy = await startHttpProxy();
  authProxy = await startHttpProxy({ auth: 'pu:pp' });
  digestProxy = await startHttpProxy({ auth: 'pu:pp', digest: true });
});
afterAll(async () => {
  await serve.close();
  await proxy.close();
  await authProxy.close();
  await digestProxy.close();
});


const tlsPort = (): string => new URL(serve.httpsUrl).port;

describe('HTTP proxy', () => {
  it('https through CONNECT: exact request, -v lines, %{http_connect}, h2 inside the tunnel', async () => {
    const before = proxy.heads.length;
    const r = await qurl(['-v', '-x', proxy.url, '--cacert', serve.caFile, '-w', '%{http_connect} %{proxy_used} %{http_version}', '-o', '/dev/null', `${serve.httpsUrl}/get`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('200 1 2');
    expect(proxy.heads[before]).toBe(`CONNECT localhost:${tlsPort()} HTTP/1.1\r\nHost: localhost:${tlsPort()}\r\nUser-Agent: qurl/0.1.0\r\nProxy-Connection: Keep-Alive\r\n\r\n`);
    expect(r.stderr).toMatch(/^\* Establish HTTP proxy tunnel to localhost:\d+$/m);
    expect(r.stderr).toMatch(/^> CONNECT localhost:\d+ HTTP\/1\.1\r$/m);
    expect(r.stderr).toMatch(/^< HTTP\/1\.1 200 Connection established\r$/m);
  });

  it('http:// without -p goes in absolute form; with -p through CONNECT', async () => {
    const before = proxy.heads.length;
    const plain = await qurl(['-s', '-x', proxy.url, `${serve.httpUrl}/get`]);
    expect(JSON.parse(plain.stdout).url).toBe(`${serve.httpUrl}/get`);
    expect(proxy.heads[before]).toMatch(new RegExp(`^GET ${serve.httpUrl}/get HTTP/1\\.1\\r\\n`));
    const tunnelled = await qurl(['-s', '-p', '-x', proxy.url, '-o', '/dev/null', '-w', '%{http_connect}', `${serve.httpUrl}/get`]);
    expect(tunnelled.stdout).toBe('200');
    expect(proxy.heads[before + 1]).toMatch(/^CONNECT 127\.0\.0\.1:\d+ HTTP\/1\.1\r\n/);
  });

  it('proxy credentials go to the proxy only and are masked in -v', async () => {
    const r = await qurl(['-v', '-x', authProxy.url, '-U', 'pu:pp', '--cacert', serve.caFile, `${serve.httpsUrl}/headers`]);
    expect(r.exitCode).toBe(0);
    expect(authProxy.heads.at(-1)).toMatch(/^Proxy-Authorization: Basic cHU6cHA=\r$/m);
    expect(r.stderr).toMatch(/^> Proxy-Authorization: Basic <redacted>\r$/m);
    expect(r.stderr).not.toContain('cHU6cHA=');
    expect(JSON.stringify(JSON.parse(r.stdout).headers).toLowerCase()).not.toContain('proxy-authorization');
  });

  it('userinfo in the proxy URL is percent-decoded', async () => {
    const r = await qurl(['-s', '-x', `http://pu:p%70@127.0.0.1:${authProxy.port}`, '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_code}', `${serve.httpsUrl}/get`]);
    expect(r.stdout).toBe('200');
  });

  describe('--proxy-digest and --proxy-anyauth, as curl negotiates them', () => {
    /** What the proxy saw: each request line and its Proxy-Authorization scheme, the answer not compared (nonces differ). */
    const seen = (heads: readonly string[]): string[] =>
      heads.map((h) => `${h.split('\r\n')[0]} ${/^Proxy-Authorization: (\w+)/im.exec(h)?.[1] ?? '-'}`.replace(/:\d+/g, ':PORT'));
    const cases = [
      ['a CONNECT tunnel', '--proxy-digest', () => `${serve.httpsUrl}/get`],
      ['a CONNECT tunnel', '--proxy-anyauth', () => `${serve.httpsUrl}/get`],
      ['absolute form', '--proxy-digest', () => `${serve.httpUrl}/get`],
      ['absolute form', '--proxy-anyauth', () => `${serve.httpUrl}/get`],
    ] as const;
    for (const [how, flag, url] of cases) withCurl.it(`through ${how} with ${flag}: the same requests, answers and exit code as curl`, async () => {
      const run = async (cmd: string[]): Promise<{ code: number; out: string; heads: string[] }> => {
        const before = digestProxy.heads.length;
        const r = await execa(cmd[0]!, [...cmd.slice(1), '-s', flag, '-U', 'pu:pp', '-x', digestProxy.url, '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_code}', url()], { reject: false, env: hermeticEnv(), extendEnv: false });
        return { code: r.exitCode ?? -1, out: r.stdout, heads: seen(digestProxy.heads.slice(before)) };
      };
      const q = await run(['node', QURL_BIN]);
      const c = await run(['curl', '-A', 'qurl/0.1.0']);
      expect(q.code).toBe(0);
      expect(q.out).toBe('200');
      expect(q.heads).toHaveLength(2);
      expect(q.heads[1]).toMatch(/ Digest$/);
      expect(q).toEqual(c);
    });

    it('wrong credentials end as curl ends: exit 56 for a tunnel, the 407 itself in absolute form', async () => {
      const tunnel = await qurl(['-sS', '--proxy-digest', '-U', 'pu:wrong', '-x', digestProxy.url, '--cacert', serve.caFile, `${serve.httpsUrl}/get`]);
      expect(tunnel.exitCode).toBe(56);
      expect(tunnel.stderr).toMatch(/CONNECT tunnel failed, response 407: the proxy refused the credentials/);
      const absolute = await qurl(['-sS', '--proxy-digest', '-U', 'pu:wrong', '-x', digestProxy.url, '-w', '%{http_code}', `${serve.httpUrl}/get`]);
      expect(absolute.exitCode).toBe(0);
      expect(absolute.stdout).toBe('407');
    });

    it('--proxy-digest sends no Basic credentials up front; -U alone does', async () => {
      const before = digestProxy.heads.length;
      await qurl(['-s', '--proxy-digest', '-U', 'pu:pp', '-x', digestProxy.url, '-o', '/dev/null', `${serve.httpUrl}/get`]);
      expect(digestProxy.heads[before]).not.toMatch(/Proxy-Authorization/i);
      await qurl(['-s', '-U', 'pu:pp', '-x', digestProxy.url, '-o', '/dev/null', `${serve.httpUrl}/get`]);
      expect(digestProxy.heads.at(-1)).toMatch(/^Proxy-Authorization: Basic cHU6cHA=\r$/m);
    });
  });

  it('407: exit 56 and the scheme the proxy wants', async () => {
    const r = await qurl(['-sS', '-x', authProxy.url, '--cacert', serve.caFile, `${serve.httpsUrl}/get`]);
    expect(r.exitCode).toBe(56);
    expect(r.stderr).toMatch(/the proxy wants authentication \(Basic realm="qurl-test"\)/);
  });

  it.each([
    ['403', (c: net.Socket) => c.end('HTTP/1.1 403 Forbidden\r\n\r\n'), 56, /CONNECT tunnel failed, response 403 Forbidden/],
    ['garbage', (c: net.Socket) => c.end('SSH-2.0-OpenSSH\r\n\r\n'), 56, /reply is not an HTTP\/1\.x status line/],
    ['close', (c: net.Socket) => c.end(), 97, /closed the connection without a complete reply/],
  ] as const)('CONNECT answered with %s', async (_name, reply, code, message) => {
    const p = await startHttpProxy({ onConnect: (client) => (reply(client), true) });
    const r = await qurl(['-sS', '-x', p.url, '--cacert', serve.caFile, `${serve.httpsUrl}/get`]);
    await p.close();
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  it('a silent proxy ends with 28 within --connect-timeout', async () => {
    const silent = await startRawServer(() => {});
    const r = await qurl(['-sS', '-x', silent.url, '--connect-timeout', '1', '-w', '%{time_total}', `${serve.httpsUrl}/get`]);
    await silent.close();
    expect(r.exitCode).toBe(28);
    expect(r.stderr).toMatch(/Connection timed out after \d+ milliseconds \(h1-proxy to 127\.0\.0\.1 port \d+\)/);
    // the timer's 1 s, not before it; the upper bound is 5× that, so a loaded machine passes
    expect(Number(r.stdout)).toBeGreaterThanOrEqual(1);
    expect(Number(r.stdout)).toBeLessThan(5);
  });

  it('a CONNECT reply split into 1-byte segments, and HTTP/1.0 200 (tinyproxy)', async () => {
    const dribble = await startHttpProxy({
      okLine: 'HTTP/1.0 200 Connection established\r\nProxy-agent: test',
    });
    const r = await qurl(['-s', '-x', dribble.url, '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_code} %{http_connect}', `${serve.httpsUrl}/get`]);
    await dribble.close();
    expect(r.stdout).toBe('200 200');
    const split = await startHttpProxy({
      onConnect: (client, head) => {
        const target = head.split(' ')[1]!;
        const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
        const up = net.connect(port, host === 'localhost' ? '127.0.0.1' : host, async () => {
          for (const ch of 'HTTP/1.1 200 OK\r\nX-A: 1\r\n\r\n') {
            client.write(ch);
            await new Promise((res) => setTimeout(res, 2));
          }
          client.pipe(up);
          up.pipe(client);
        });
        up.on('error', () => client.destroy());
        return true;
      },
    });
    const s = await qurl(['-s', '-x', split.url, '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_code}', `${serve.httpsUrl}/get`]);
    await split.close();
    expect(s.stdout).toBe('200');
  });

  it('two URLs through the proxy share one tunnel', async () => {
    const u = `${serve.httpsUrl}/bytes/10`;
    const r = await qurl(['-s', '-x', proxy.url, '--cacert', serve.caFile, '-o', '/dev/null', '-o', '/dev/null', '-w', '%{num_connects}', u, u]);
    expect(r.stdout).toBe('10');
  });

  it('the environment: HTTPS_PROXY, NO_PROXY, lower-case-only http_proxy, and -x "" to turn it off', async () => {
    const before = proxy.heads.length;
    const viaEnv = await qurl(['-s', '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{proxy_used}', `${serve.httpsUrl}/get`], { env: { HTTPS_PROXY: proxy.url } });
    expect(viaEnv.stdout).toBe('1');
    expect(proxy.heads.length).toBe(before + 1);
    const bypass = await qurl(['-s', '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{proxy_used}', `${serve.httpsUrl}/get`], { env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.test,localhost' } });
    expect(bypass.stdout).toBe('0');
    const upper = await qurl(['-s', '-o', '/dev/null', '-w', '%{proxy_used}', `${serve.httpUrl}/get`], { env: { HTTP_PROXY: proxy.url } });
    expect(upper.stdout).toBe('0');
    const lower = await qurl(['-s', '-o', '/dev/null', '-w', '%{proxy_used}', `${serve.httpUrl}/get`], { env: { http_proxy: proxy.url } });
    expect(lower.stdout).toBe('1');
    const off = await qurl(['-s', '-x', '', '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{proxy_used}', `${serve.httpsUrl}/get`], { env: { HTTPS_PROXY: proxy.url } });
    expect(off.stdout).toBe('0');
  });
});

describe('Proxy-Authorization never reaches an origin', () => {
  it('a -H Proxy-Authorization is dropped without a proxy and inside a tunnel', async () => {
    const direct = await qurl(['-s', '-H', 'Proxy-Authorization: Basic c2VjcmV0', `${serve.httpUrl}/headers`]);
    expect(direct.stdout.toLowerCase()).not.toContain('proxy-authorization');
    const tunnelled = await qurl(['-s', '-x', proxy.url, '--cacert', serve.caFile, '-H', 'Proxy-Authorization: Basic c2VjcmV0', `${serve.httpsUrl}/headers`]);
    expect(tunnelled.stdout.toLowerCase()).not.toContain('proxy-authorization');
  });
});

describe('https:// proxy', () => {
  it('TLS to the proxy (--proxy-cacert, --proxy-insecure), then CONNECT and TLS to the origin', async () => {
    const tls = await import('node:tls');
    const { generateCertificates } = await import('../../src/serve/index.js');
    const certs = await generateCertificates();
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const caFile = join(mkdtempSync(join(tmpdir(), 'qurl-pca-')), 'proxy-ca.pem');
    writeFileSync(caFile, certs.caPem);
    const front = tls.createServer({ key: certs.keyPem, cert: certs.certPem }, (s) => {
      const back = net.connect(proxy.port, '127.0.0.1');
      s.pipe(back).pipe(s);
      s.on('error', () => back.destroy());
      back.on('error', () => s.destroy());
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    const port = (front.address() as net.AddressInfo).port;
    const url = `${serve.httpsUrl}/get`;
    const ok = await qurl(['-s', '-x', `https://localhost:${port}`, '--proxy-cacert', caFile, '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_code} %{http_connect}', url]);
    const insecure = await qurl(['-s', '-x', `https://localhost:${port}`, '--proxy-insecure', '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_code}', url]);
    const untrusted = await qurl(['-sS', '-x', `https://localhost:${port}`, '--cacert', serve.caFile, url]);
    front.close();
    expect(ok.stdout).toBe('200 200');
    expect(insecure.stdout).toBe('200');
    expect(untrusted.exitCode).toBe(60);
  });
});
