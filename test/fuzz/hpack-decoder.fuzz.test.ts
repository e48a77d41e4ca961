// Fuzz tests for the HPACK decoder (RFC 7541): typed errors only, a dynamic table that never outgrows its
// limit, output bounded by the input and the table size, and agreement with a model table on valid blocks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHpackDecoder, HpackDecodeError } from '../../src/codec/hpack-decoder.js';
import type { HpackBlock, HpackDecoder } from '../../src/codec/hpack-decoder.js';
import { HPACK_STATIC_TABLE } from '../../src/codec/hpack-static-table.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';
import { createHpackModel, hpackBlocks } from './hpack-model.js';
import { fuzzBytes } from './mutate-bytes.js';
import { decodeOrTypedError } from './typed-outcome.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

// RFC 7541 Appendix C.2 to C.6 header blocks.
const SEEDS = [
  '400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572', '040c 2f73 616d 706c 652f 7061 7468',
  '1008 7061 7373 776f 7264 0673 6563 7265 74', '82', '8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
  '8286 84be 5808 6e6f 2d63 6163 6865', '8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65',
  '8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff', '8286 84be 5886 a8eb 1064 9cbf', '4883 640e ffc1 c0bf', '20 3f e1 1f 82',
  '4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3',
].map(hex);

const STATIC_MAX = Math.max(...HPACK_STATIC_TABLE.map(([n, v]) => n.length + v.length));

/** Each input byte yields at most one field; a field's table lookups give at most max(limit, STATIC_MAX) chars
 * and its literal strings at most 8/5 chars per byte (Huffman's shortest code is 5 bits). */
function expectBoundedOutput(block: Uint8Array, decoded: HpackBlock, limit: number): void {
  const chars = decoded.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  expect(decoded.fields.length).toBeLessThanOrEqual(block.length);
  expect(chars).toBeLessThanOrEqual(block.length * Math.max(limit, STATIC_MAX) + Math.floor((8 * block.length) / 5));
}

function expectTableWithinLimit(decoder: HpackDecoder, limit: number): void {
  const { entries, size, maxSize } = decoder.table();
  expect(Number.isSafeInteger(maxSize) && maxSize >= 0 && maxSize <= limit).toBe(true);
  expect(size).toBe(entries.reduce((n, [name, value]) => n + name.length + value.length + 32, 0));
  expect(size).toBeLessThanOrEqual(maxSize);
}

describe('HPACK decoder on random and mutated blocks', () => {
  it('decodes within bounds or throws HpackDecodeError, never anything else', () => {
    fc.assert(
      fc.property(fuzzBytes(SEEDS), fc.constantFrom(0, 64, 256, 4096), (block, limit) => {
        const decoder = createHpackDecoder(limit);
        const outcome = decodeOrTypedError(() => decoder.decode(block), [HpackDecodeError]);
        if (outcome.ok) expectBoundedOutput(block, outcome.value, limit);
        expectTableWithinLimit(decoder, limit);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('keeps its table within SETTINGS_HEADER_TABLE_SIZE across blocks and limit changes', () => {
    const step = fc.oneof(fuzzBytes(SEEDS, 32), fc.integer({ min: 0, max: 4096 }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), (steps) => {
        const decoder = createHpackDecoder();
        let limit = 4096;
        for (const s of steps) {
          if (typeof s === 'number') {
            decoder.setMaxTableSize(s);
            limit = s;
          } else {
            const outcome = decodeOrTypedError(() => decoder.decode(s), [HpackDecodeError]);
            expectTableWithinLimit(decoder, limit);
            // After an error the table is out of step with the peer's (the frame tap stops decoding).
            if (!outcome.ok) return;
            expectBoundedOutput(s, outcome.value, limit);
          }
        }
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('HPACK decoder on what fuzzing found', () => {
  // An integer padded with 0x80 continuation bytes decoded as NaN: a table size update to NaN made the table
  // unbounded (nothing is larger than NaN, so nothing was evicted), and an indexed field read "index NaN".
  it.each([
    ['table size update', '3f'],
    ['indexed field', 'ff'],
    ['literal name length', '40 7f'],
  ])('a %s with 150 0x80 continuation bytes is an HpackDecodeError', (_what, prefix) => {
    const decoder = createHpackDecoder();
    expect(() => decoder.decode(hex(`${prefix} ${'80'.repeat(150)} 00`))).toThrow(HpackDecodeError);
    expect(decoder.table().maxSize).toBe(4096);
  });
});

describe('HPACK decoder on valid blocks', () => {
  it('gives the fields and dynamic table a model encoder expects, block after block', () => {
    fc.assert(
      fc.property(hpackBlocks, (blocks) => {
        const decoder = createHpackDecoder(blocks.limit);
        const model = createHpackModel(blocks.limit);
        for (const block of blocks.blocks) {
          const { bytes, fields, updates, entries } = model.encode(block);
          // As JSON: deep equality is slow at 100,000 runs.
          const decoded = decoder.decode(bytes);
          expect(JSON.stringify([decoded.tableSizeUpdates, decoded.fields, decoder.table().entries])).toBe(JSON.stringify([updates, fields, entries]));
        }
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});
