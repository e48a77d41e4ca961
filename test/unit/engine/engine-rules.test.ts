// Engine rules that need no socket: URLs, redirects, connect arguments, header building.
import { describe, expect, it } from 'vitest';
import { applyConnectTo, parseConnectToEntry, parseResolveEntry } from '../../../src/engine/connect-args.js';
import { isSameOrigin, nextHop } from '../../../src/engine/redirect.js';
import { buildRequestHeaders } from '../../../src/engine/request-headers.js';
import { ACCEPT_ENCODING } from '../../../src/engine/content-decoding.js';
import { protocolList, redirectProtocols } from '../../../src/engine/url-protocols.js';
import { parseRequestUrl } from '../../../src/engine/request-url.js';

describe('parseRequestUrl', () => {
  it.each([
    ['example.com', 'http', 80, '/', 'example.com'],
    ['https://h:8443/p?q=1#frag', 'https', 8443, '/p?q=1', 'h:8443'],
    ['http://[::1]:81/x', 'http', 81, '/x', '[::1]:81'],
    ['HTTP://H/a/../b', 'http', 80, '/b', 'h'],
  ] as const)('%s', (input, scheme, port, target, authority) => {
    const u = parseRequestUrl(input);
    expect([u.scheme, u.port, u.target, u.authority]).toEqual([scheme, port, target, authority]);
  });

  it('keeps dot segments with --path-as-is', () => {
    expect(parseRequestUrl('http://h/a/../b?x', { pathAsIs: true }).target).toBe('/a/../b?x');
  });

  it('guesses the scheme as curl does (ftp. is ftp, which qurl refuses), or takes --proto-default', () => {
    expect(() => parseRequestUrl('ftp.example.com/x')).toThrow(/^Protocol "ftp" not supported or disabled/);
    expect(parseRequestUrl('ftp.example.com/x', { protoDefault: 'https' }).url.href).toBe('https://ftp.example.com/x');
    expect(parseRequestUrl('example.com').url.href).toBe('http://example.com/');
  });

  it('--proto lists: =https allows https alone; -http,+https likewise; all is everything', () => {
    expect(() => parseRequestUrl('http://h/', { allowed: protocolList('=https') })).toThrow(expect.objectContaining({ exitCode: 1 }));
    expect(parseRequestUrl('https://h/', { allowed: protocolList('=https') }).scheme).toBe('https');
    expect(() => parseRequestUrl('http://h/', { allowed: protocolList('-http,+https') })).toThrow(/Protocol "http" not supported or disabled/);
    expect(protocolList('=http,https').has('https')).toBe(true);
    expect(redirectProtocols(undefined)).toEqual(new Set(['http', 'https']));
    expect(redirectProtocols('-https')).toEqual(new Set(['http']));
  });

  it.each([['ftp://h/', 1], ['http://a b/', 3], ['http://', 3], ['', 3]] as const)('%s fails with %i', (input, code) => {
    expect(() => parseRequestUrl(input)).toThrow(expect.objectContaining({ exitCode: code }));
  });
});

describe('redirect rules (RFC 9110 §15.4)', () => {
  const from = new URL('http://a/dir/page');
  it.each([
    [301, 'POST', 'GET', false],
    [302, 'POST', 'GET', false],
    [303, 'POST', 'GET', false],
    [303, 'PUT', 'GET', false],
    [303, 'HEAD', 'HEAD', true],
    [301, 'PUT', 'PUT', true],
    [307, 'POST', 'POST', true],
    [308, 'DELETE', 'DELETE', true],
  ] as const)('%i after %s → %s', (status, method, next, keepBody) => {
    expect(nextHop(from, status, '/x', method)).toEqual({ url: 'http://a/x', method: next, keepBody });
  });

  it('resolves relative locations and drops the fragment', () => {
    expect(nextHop(from, 302, '../up#f', 'GET').url).toBe('http://a/up');
  });

  it('knows origins', () => {
    expect(isSameOrigin(new URL('http://a:80/'), new URL('http://a/x'))).toBe(true);
    expect(isSameOrigin(new URL('http://a/'), new URL('https://a/'))).toBe(false);
    expect(isSameOrigin(new URL('http://a/'), new URL('http://b/'))).toBe(false);
  });
});

describe('--resolve and --connect-to', () => {
  it('parses entries', () => {
    expect(parseResolveEntry('h:443:127.0.0.1,[::1]')).toEqual({ host: 'h', port: 443, addresses: ['127.0.0.1', '::1'] });
    expect(parseResolveEntry('+h::10.0.0.1')).toEqual({ host: 'h', port: 0, addresses: ['10.0.0.1'] });
    expect(parseConnectToEntry('::[::1]:8080')).toEqual({ host: '', port: 0, toHost: '::1', toPort: 8080 });
  });

  it('applies the first matching --connect-to', () => {
    const entries = [parseConnectToEntry('a:80:b:81'), parseConnectToEntry(':443::8443')];
    expect(applyConnectTo(entries, 'a', 80)).toEqual({ connectHost: 'b', connectPort: 81 });
    expect(applyConnectTo(entries, 'z', 443)).toEqual({ connectHost: 'z', connectPort: 8443 });
    expect(applyConnectTo(entries, 'z', 80)).toEqual({ connectHost: 'z', connectPort: 80 });
  });
});

describe('request headers in curl order', () => {
  it('defaults, then custom ones replacing defaults, then the body\'s Content-Type with its length before it', () => {
    const built = buildRequestHeaders({
      authority: 'h', authorization: 'Basic dTpw', compressed: true, referer: 'http://r/', contentType: 'text/plain', json: false,
      custom: [{ name: 'accept', value: 'x/y', mode: 'set' }, { name: 'User-Agent', value: '', mode: 'remove' }, { name: 'Host', value: 'other', mode: 'set' }],
    });
    expect(built.authority).toBe('other');
    expect(built.headers).toEqual([
      ['Authorization', 'Basic dTpw'],
      ['Accept-Encoding', ACCEPT_ENCODING],
      ['Referer', 'http://r/'],
      ['accept', 'x/y'],
      ['Content-Type', 'text/plain'],
    ]);
    expect(built.framingAt).toBe(4);
  });

  it('a -H Content-Type stays where it was given; the length goes after the -H headers', () => {
    const built = buildRequestHeaders({
      authority: 'h', compressed: false, contentType: 'application/x-www-form-urlencoded', json: false,
      custom: [{ name: 'Content-Type', value: 'text/plain', mode: 'set' }, { name: 'X-B', value: '2', mode: 'set' }],
    });
    expect(built.headers).toEqual([['User-Agent', 'qurl/0.1.0'], ['Accept', '*/*'], ['Content-Type', 'text/plain'], ['X-B', '2']]);
    expect(built.framingAt).toBe(4);
  });
});
