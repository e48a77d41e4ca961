// Fuzz tests for the SOCKS5 reply reader: socks5ReplyRest never throws and asks for exactly what the address
// type needs (RFC 1928 §6), or -1 for an unknown type — never a length that would make the proxy step wait forever.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { socks5Connect, socks5ReplyRest } from '../../src/codec/index.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';
import { fuzzBytes } from './mutate-bytes.js';

const SEEDS = [
  Uint8Array.of(5, 0, 0, 1, 127, 0, 0, 1, 0, 80),
  Uint8Array.of(5, 0, 0, 4, ...new Array<number>(16).fill(0), 1, 187),
  Uint8Array.of(5, 0, 0, 3, 7, ...Buffer.from('example'), 0, 80),
];

describe('the SOCKS5 reply reader on random and mutated replies', () => {
  it('asks for the bytes its address type needs, at most 257, or refuses the type', () => {
    fc.assert(fc.property(fuzzBytes(SEEDS, 24), (bytes) => {
      const first5 = Uint8Array.from({ length: 5 }, (_, i) => bytes[i] ?? 0);
      const rest = socks5ReplyRest(first5);
      const expected = { 1: 5, 4: 17, 3: first5[4]! + 2 }[first5[3]!] ?? -1;
      expect(rest).toBe(expected);
      expect(rest).toBeLessThanOrEqual(257);
    }), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);

  it('reads back the length of every CONNECT request it builds, as a reply of the same address', () => {
    const address = fc.oneof(
      fc.ipV4().map((host) => ({ kind: 'ipv4' as const, host })),
      fc.ipV6().filter((h) => !h.includes('.')).map((host) => ({ kind: 'ipv6' as const, host })),
      fc.domain().map((host) => ({ kind: 'domain' as const, host })),
    );
    fc.assert(fc.property(address, fc.integer({ min: 1, max: 65535 }), (addr, port) => {
      const request = socks5Connect(addr, port);
      expect(5 + socks5ReplyRest(request.subarray(0, 5))).toBe(request.length);
    }), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);
});
