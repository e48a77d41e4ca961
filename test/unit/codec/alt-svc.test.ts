// Alt-Svc header values (RFC 7838's examples) and curl's alt-svc cache file, both ways.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAltSvcFile, parseAltSvcFile, parseAltSvcHeader, type AltSvcEntry } from '../../../src/codec/index.js';

describe('parseAltSvcHeader', () => {
  it.each([
    ['h2="new.example.org:80"', [{ alpn: 'h2', host: 'new.example.org', port: 80, maxAge: 86400, persist: false }]],
    ['h2=":8000"', [{ alpn: 'h2', host: '', port: 8000, maxAge: 86400, persist: false }]],
    ['h2="alt.example.com:8000", h2=":443"', [
      { alpn: 'h2', host: 'alt.example.com', port: 8000, maxAge: 86400, persist: false },
      { alpn: 'h2', host: '', port: 443, maxAge: 86400, persist: false },
    ]],
    ['h2=":443"; ma=3600', [{ alpn: 'h2', host: '', port: 443, maxAge: 3600, persist: false }]],
    ['h2=":443"; ma=2592000; persist=1', [{ alpn: 'h2', host: '', port: 443, maxAge: 2592000, persist: true }]],
    ['w%3D%3D="x:1"', [{ alpn: 'w==', host: 'x', port: 1, maxAge: 86400, persist: false }]],
    ['h3=":9443"; ma=2592000,h3-29=":9443"; ma=2592000', [
      { alpn: 'h3', host: '', port: 9443, maxAge: 2592000, persist: false },
      { alpn: 'h3-29', host: '', port: 9443, maxAge: 2592000, persist: false },
    ]],
    ['h3="[::1]:443"', [{ alpn: 'h3', host: '::1', port: 443, maxAge: 86400, persist: false }]],
  ])('RFC 7838 §3 / real servers: %s', (value, alternatives) => {
    expect(parseAltSvcHeader(value)).toEqual({ kind: 'alternatives', alternatives });
  });

  it('clear, and malformed alternatives skipped', () => {
    expect(parseAltSvcHeader('clear')).toEqual({ kind: 'clear' });
    expect(parseAltSvcHeader('h3=":99999", h3, =":1", h3="host", h3=":443"')).toEqual({
      kind: 'alternatives', alternatives: [{ alpn: 'h3', host: '', port: 443, maxAge: 86400, persist: false }],
    });
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseAltSvcHeader(s)));
  });
});

describe('alt-svc cache file', () => {
  it('reads curl\'s format, skipping comments and garbage', () => {
    const text = '# comment\nh2 example.com 443 h3 example.com 443 "20261231 23:59:59" 0 0\ngarbage line\nh1 [::1] 8080 h3 [::1] 8443 "20270101 00:00:00" 1 0\n';
    expect(parseAltSvcFile(text)).toEqual([
      { srcAlpn: 'h2', srcHost: 'example.com', srcPort: 443, dstAlpn: 'h3', dstHost: 'example.com', dstPort: 443, expires: Date.UTC(2026, 11, 31, 23, 59, 59), persist: false },
      { srcAlpn: 'h1', srcHost: '::1', srcPort: 8080, dstAlpn: 'h3', dstHost: '::1', dstPort: 8443, expires: Date.UTC(2027, 0, 1), persist: true },
    ]);
  });

  it('round-trips any entries (expiry to the second)', () => {
    const host = fc.oneof(fc.domain(), fc.ipV6());
    const entry = fc.record({
      srcAlpn: fc.constantFrom('h1', 'h2', 'h3'), srcHost: host, srcPort: fc.integer({ min: 1, max: 65535 }),
      dstAlpn: fc.constantFrom('h2', 'h3'), dstHost: host, dstPort: fc.integer({ min: 1, max: 65535 }),
      expires: fc.integer({ min: 0, max: 253402300799 }).map((s) => s * 1000), persist: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(entry), (entries: AltSvcEntry[]) => {
      expect(parseAltSvcFile(formatAltSvcFile(entries))).toEqual(entries);
    }));
  });
});
