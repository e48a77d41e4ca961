// SOCKS messages byte for byte (RFC 1928 §3–§6, RFC 1929 §2, SOCKS4/4a).
import { describe, expect, it } from 'vitest';
import { SocksEncodeError, socks4Connect, socks5Connect, socks5Greeting, socks5ReplyRest, socks5UserPass } from '../../../src/codec/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('SOCKS messages', () => {
  it('greetings offer no-auth, and user/pass when credentials are given', () => {
    expect(hex(socks5Greeting(false))).toBe('050100');
    expect(hex(socks5Greeting(true))).toBe('05020002');
  });
  it('RFC 1929 user/pass request', () => {
    expect(hex(socks5UserPass('ab', 'xyz'))).toBe('010261620378797a');
    expect(() => socks5UserPass('a'.repeat(256), '')).toThrow(SocksEncodeError);
    expect(() => socks5Connect({ kind: 'domain', host: 'a'.repeat(256) }, 80)).toThrow(SocksEncodeError);
  });
  it('CONNECT for IPv4, IPv6 and a domain name', () => {
    expect(hex(socks5Connect({ kind: 'ipv4', host: '127.0.0.1' }, 443))).toBe('050100017f00000101bb');
    expect(hex(socks5Connect({ kind: 'ipv6', host: '::1' }, 80))).toBe(`05010004${'00'.repeat(15)}010050`);
    expect(hex(socks5Connect({ kind: 'domain', host: 'a.test' }, 8080))).toBe('0501000306612e74657374' + '1f90');
  });
  it('knows how long the rest of a reply is', () => {
    expect(socks5ReplyRest(Uint8Array.of(5, 0, 0, 1, 127))).toBe(5);
    expect(socks5ReplyRest(Uint8Array.of(5, 0, 0, 4, 0))).toBe(17);
    expect(socks5ReplyRest(Uint8Array.of(5, 0, 0, 3, 6))).toBe(8);
    expect(socks5ReplyRest(Uint8Array.of(5, 0, 0, 9, 0))).toBe(-1);
  });
  it('SOCKS4 and SOCKS4a requests', () => {
    expect(hex(socks4Connect('10.0.0.1', '10.0.0.1', 80, 'me'))).toBe('040100500a000001' + '6d6500');
    expect(hex(socks4Connect(null, 'a.test', 80, ''))).toBe('0401005000000001' + '00' + '612e7465737400');
  });
});
