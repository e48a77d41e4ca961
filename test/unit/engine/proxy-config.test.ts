// Which proxy a URL goes through, table-driven (curl's rules for -x, the environment and NO_PROXY).
import { describe, expect, it } from 'vitest';
import { parseArgv } from '../../../src/cli/parse-argv.js';
import { toRequestSpec } from '../../../src/cli/to-request-spec.js';
import { isNoProxy, resolveProxy } from '../../../src/engine/proxy-config.js';
import { parseRequestUrl } from '../../../src/engine/request-url.js';

function choose(argv: string[], url: string, env: Record<string, string> = {}) {
  const spec = { ...toRequestSpec(parseArgv([...argv, url])), proxyEnv: env };
  return resolveProxy(spec, parseRequestUrl(url));
}

describe('resolveProxy', () => {
  it.each<[string[], string, Record<string, string>, string | null]>([
    [['-x', 'proxy.test'], 'http://a/', {}, 'http proxy.test 1080 absolute'],
    [['-x', 'http://proxy.test:3128'], 'https://a/', {}, 'http proxy.test 3128 tunnel'],
    [['-p', '-x', 'proxy.test:3128'], 'http://a/', {}, 'http proxy.test 3128 tunnel'],
    [['-x', 'https://proxy.test'], 'https://a/', {}, 'https proxy.test 443 tunnel'],
    [['-x', 'socks5h://s.test'], 'http://a/', {}, 'socks5h s.test 1080 tunnel'],
    [['--socks5', 's.test:9050'], 'http://a/', {}, 'socks5 s.test 9050 tunnel'],
    [[], 'https://a/', { HTTPS_PROXY: 'e.test:1' }, 'http e.test 1 tunnel'],
    [[], 'http://a/', { HTTP_PROXY: 'e.test:1' }, null],
    [[], 'http://a/', { http_proxy: 'e.test:1' }, 'http e.test 1 absolute'],
    [[], 'http://a/', { ALL_PROXY: 'socks5://e.test' }, 'socks5 e.test 1080 tunnel'],
    [[], 'https://a.example/', { HTTPS_PROXY: 'e.test:1', NO_PROXY: 'example' }, null],
    [['--noproxy', '*'], 'https://a/', { HTTPS_PROXY: 'e.test:1' }, null],
    [['-x', ''], 'https://a/', { HTTPS_PROXY: 'e.test:1' }, null],
  ])('%j %s %j → %s', (argv, url, env, expected) => {
    const c = choose(argv, url, env);
    expect(c && `${c.hop.scheme} ${c.hop.host} ${c.hop.port} ${c.hop.tunnel ? 'tunnel' : 'absolute'}`).toBe(expected);
  });

  it('credentials: USER:PASS for HTTP proxies (the proxy wrapper answers with them), user/pass for SOCKS5, percent-decoded', () => {
    expect(choose(['-x', 'http://u%40x:p%3A@p.test'], 'http://a/')?.user).toBe('u@x:p:');
    const s = choose(['-x', 'socks5://u:p@p.test'], 'http://a/');
    expect([s?.hop.socksUser, s?.hop.socksPassword, s?.hop.authorization, s?.user]).toEqual(['u', 'p', undefined, undefined]);
    expect(choose(['-U', 'a:b', '-x', 'p.test'], 'http://a/')?.user).toBe('a:b');
  });

  it('refuses unknown proxy schemes', () => {
    expect(() => choose(['-x', 'ftp://p.test'], 'http://a/')).toThrow(/proxy scheme "ftp" is not supported/);
  });

  it('NO_PROXY matches hosts and domain suffixes', () => {
    expect(isNoProxy('a.example.com', 'example.com')).toBe(true);
    expect(isNoProxy('a.example.com', '.example.com')).toBe(true);
    expect(isNoProxy('badexample.com', 'example.com')).toBe(false);
    expect(isNoProxy('[::1]', '::1')).toBe(true);
  });
});
