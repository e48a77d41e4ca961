// Fuzz tests for QUIC varints (RFC 9000 §16): readVarint never throws, agrees with an exact BigInt reading at any
// offset, and the values it reads exactly (up to 2^53-1) encode back to a form that reads the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeVarint, readVarint } from '../../src/codec/quic-varint.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';
import { fuzzBytes } from './mutate-bytes.js';
import { decodeOrTypedError } from './typed-outcome.js';

const SEEDS = [0, 37, 15293, 494878333, 2 ** 30, Number.MAX_SAFE_INTEGER].map(encodeVarint);

/** RFC 9000 §A.1's reading, exact. */
function referenceRead(bytes: Uint8Array, offset: number): { value: bigint; length: number } | undefined {
  if (offset >= bytes.length) return undefined;
  const length = 1 << (bytes[offset]! >> 6);
  if (offset + length > bytes.length) return undefined;
  let value = BigInt(bytes[offset]! & 0x3f);
  for (let i = 1; i < length; i++) value = (value << 8n) | BigInt(bytes[offset + i]!);
  return { value, length };
}

describe('readVarint on random and mutated bytes', () => {
  it('never throws and reads what RFC 9000 §A.1 reads, the nearest number above 2^53', () => {
    fc.assert(
      fc.property(fuzzBytes(SEEDS, 16), fc.nat({ max: 18 }), (bytes, offset) => {
        const outcome = decodeOrTypedError(() => readVarint(bytes, offset), []);
        const expected = referenceRead(bytes, offset);
        const got = outcome.ok ? outcome.value : undefined;
        expect(got === undefined ? 'incomplete' : `${got.value}/${got.length}`).toBe(
          expected === undefined ? 'incomplete' : `${Number(expected.value)}/${expected.length}`,
        );
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('an exact value encodes, shortest, to bytes that read the same', () => {
    fc.assert(
      fc.property(fuzzBytes(SEEDS, 16), (bytes) => {
        const read = readVarint(bytes, 0);
        if (!read || !Number.isSafeInteger(read.value)) return;
        const again = encodeVarint(read.value);
        expect(again.length).toBeLessThanOrEqual(read.length);
        expect(readVarint(again, 0)).toEqual({ value: read.value, length: again.length });
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});
