// Pure parts of the TLS and socket knobs: the PROXY v1 line, version bounds, cipher lists, pin checks.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { proxyLine } from '../../../src/transport/connect/haproxy-step.js';
import { cipherOption } from '../../../src/transport/connect/tls-ciphers.js';
import { checkPinnedPubkey } from '../../../src/transport/connect/tls-pin.js';
import { versionBounds } from '../../../src/transport/connect/tls-versions.js';
import { isQurlError } from '../../../src/errors/index.js';

const codeOf = (f: () => unknown): number | undefined => {
  try {
    f();
  } catch (err) {
    return isQurlError(err) ? err.exitCode : -1;
  }
  return undefined;
};

describe('PROXY protocol v1 line', () => {
  it('TCP4 and TCP6 by the connection, the client address replaced by --haproxy-clientip, UNKNOWN without addresses', () => {
    expect(proxyLine({ localAddress: '127.0.0.1', localPort: 5000, remoteAddress: '127.0.0.2', remotePort: 80 }, {})).toBe('PROXY TCP4 127.0.0.1 127.0.0.2 5000 80\r\n');
    expect(proxyLine({ localAddress: '::1', localPort: 5000, remoteAddress: '::1', remotePort: 443 }, {})).toBe('PROXY TCP6 ::1 ::1 5000 443\r\n');
    expect(proxyLine({ localAddress: '127.0.0.1', localPort: 1, remoteAddress: '127.0.0.1', remotePort: 2 }, { clientIp: '203.0.113.9' })).toBe('PROXY TCP4 203.0.113.9 127.0.0.1 1 2\r\n');
    expect(proxyLine({}, {})).toBe('PROXY UNKNOWN\r\n');
  });
});

describe('TLS version bounds', () => {
  it('pass through; a maximum under Node\'s floor lowers the floor; a maximum under the minimum is 35', () => {
    expect(versionBounds({ insecure: false, alpn: [] })).toEqual({});
    expect(versionBounds({ insecure: false, alpn: [], minVersion: 'TLSv1.3' })).toEqual({ minVersion: 'TLSv1.3' });
    expect(versionBounds({ insecure: false, alpn: [], maxVersion: 'TLSv1.1' })).toEqual({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1' });
    expect(codeOf(() => versionBounds({ insecure: false, alpn: [], minVersion: 'TLSv1.3', maxVersion: 'TLSv1.2' }))).toBe(35);
  });
});

describe('cipher lists', () => {
  it('the list not given keeps Node\'s default; names of the other version are dropped; nothing left is 59', () => {
    const only12 = cipherOption({ insecure: false, alpn: [], ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256,TLS_AES_128_GCM_SHA256' })!;
    expect(only12.split(':').filter((n) => !n.startsWith('TLS_'))).toEqual(['ECDHE-ECDSA-AES128-GCM-SHA256']);
    expect(only12).toContain('TLS_AES_256_GCM_SHA384');
    const only13 = cipherOption({ insecure: false, alpn: [], tls13Ciphers: 'TLS_CHACHA20_POLY1305_SHA256' })!;
    expect(only13.split(':').filter((n) => n.startsWith('TLS_'))).toEqual(['TLS_CHACHA20_POLY1305_SHA256']);
    expect(only13).toContain('ECDHE-ECDSA-AES128-GCM-SHA256');
    expect(cipherOption({ insecure: false, alpn: [] })).toBeUndefined();
    expect(codeOf(() => cipherOption({ insecure: false, alpn: [], ciphers: 'TLS_AES_128_GCM_SHA256' }))).toBe(59);
    expect(codeOf(() => cipherOption({ insecure: false, alpn: [], tls13Ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' }))).toBe(59);
  });
});

describe('--pinnedpubkey hashes', () => {
  const spki = Buffer.from('not really a key, but bytes to hash');
  const hash = `sha256//${createHash('sha256').update(spki).digest('base64')}`;
  it('matches any of the ;-separated hashes, reports the hash, and is 90 otherwise', () => {
    const lines: string[] = [];
    expect(codeOf(() => checkPinnedPubkey(spki, `sha256//AAAA;${hash}`, (l) => lines.push(l)))).toBeUndefined();
    expect(lines).toEqual([` public key hash: ${hash}`]);
    expect(codeOf(() => checkPinnedPubkey(spki, 'sha256//AAAA', () => {}))).toBe(90);
    expect(codeOf(() => checkPinnedPubkey(spki, '/nonexistent/pin.der', () => {}))).toBe(90);
  });
});
