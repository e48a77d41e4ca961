// RFC 9000 §A.1 sample varints, boundaries, and an encode/read round trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeVarint, readVarint } from '../../../src/codec/quic-varint.js';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

describe('RFC 9000 §A.1 examples', () => {
  it.each([
    ['9d7f3e7d', 494878333],
    ['7bbd', 15293],
    ['25', 37],
    ['4025', 37],
  ])('%s reads as %d', (bytes, value) => {
    expect(readVarint(hex(bytes), 0)).toEqual({ value, length: bytes.length / 2 });
  });

  it('c2197c5eff14e88c reads as the number nearest 151288809941952652 (beyond 2^53, so not exact)', () => {
    const read = readVarint(hex('c2197c5eff14e88c'), 0)!;
    expect(read.length).toBe(8);
    expect(read.value).toBe(151288809941952652);
    // The nearest double is within half a unit in the last place (16 at this magnitude).
    expect(Math.abs(Number(BigInt(read.value) - 151288809941952652n))).toBeLessThanOrEqual(16);
  });

  it('encodes in the shortest form', () => {
    expect(encodeVarint(37)).toEqual(hex('25'));
    expect(encodeVarint(15293)).toEqual(hex('7bbd'));
    expect(encodeVarint(494878333)).toEqual(hex('9d7f3e7d'));
  });
});

describe('boundaries and errors', () => {
  it.each([
    [63, '3f'], [64, '4040'], [16383, '7fff'], [16384, '80004000'], [2 ** 30 - 1, 'bfffffff'], [2 ** 30, 'c000000040000000'],
    [Number.MAX_SAFE_INTEGER, 'c01fffffffffffff'],
  ])('%d ↔ %s', (value, bytes) => {
    expect(encodeVarint(value)).toEqual(hex(bytes));
    expect(readVarint(hex(bytes), 0)).toEqual({ value, length: bytes.length / 2 });
  });

  it.each([-1, 2 ** 53, 1.5, Number.NaN])('encodeVarint(%d) throws RangeError', (value) => {
    expect(() => encodeVarint(value)).toThrow(RangeError);
  });

  it('reads 2^62-1 without throwing', () => {
    expect(readVarint(hex('ffffffffffffffff'), 0)).toEqual({ value: 2 ** 62, length: 8 });
  });

  it('returns undefined when the bytes end inside the varint, and reads at an offset', () => {
    expect(readVarint(hex(''), 0)).toBeUndefined();
    expect(readVarint(hex('9d7f3e'), 0)).toBeUndefined();
    expect(readVarint(hex('c2197c5eff14e8'), 0)).toBeUndefined();
    expect(readVarint(hex('ff 7bbd'), 1)).toEqual({ value: 15293, length: 2 });
    expect(readVarint(hex('25'), 1)).toBeUndefined();
  });
});

describe('round trip (property)', () => {
  it('readVarint(encodeVarint(n)) gives n back with the encoded length', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 2 ** 31 }), fc.maxSafeNat()), (n) => {
        const bytes = encodeVarint(n);
        expect(readVarint(bytes, 0)).toEqual({ value: n, length: bytes.length });
      }),
      { numRuns: 2000 },
    );
  });
});
