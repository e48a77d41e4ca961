// Fuzz tests for the HPACK/QPACK Huffman decoder (RFC 7541 §5.2): typed errors only, bounded output,
// and the code's one-to-one mapping between strings and valid encodings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HuffmanDecodeError, huffmanDecode, huffmanEncode } from '../../src/codec/huffman.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';
import { fuzzBytes } from './mutate-bytes.js';
import { decodeOrTypedError } from './typed-outcome.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
/** The shortest code is 5 bits, so n bytes hold at most 8n/5 symbols. */
const maxDecodedLength = (n: number): number => Math.floor((8 * n) / 5);

// RFC 7541 Appendix C.4 and C.6 Huffman strings, plus encodings of short and binary strings.
const SEEDS = [
  hex('f1e3 c2e5 f23a 6ba0 ab90 f4ff'), hex('a8eb 1064 9cbf'), hex('25a8 49e9 5ba9 7d7f'), hex('6402'), hex('aec3 771a 4b'),
  hex('d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff'), hex('9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3'),
  huffmanEncode(Uint8Array.of(0, 1, 0xff, 0x80, 10, 13)), huffmanEncode(new Uint8Array(0)),
];

describe('huffmanDecode on random and mutated input', () => {
  it('returns at most 8n/5 bytes or throws HuffmanDecodeError, never anything else', () => {
    fc.assert(
      fc.property(fuzzBytes(SEEDS), (bytes) => {
        const outcome = decodeOrTypedError(() => huffmanDecode(bytes), [HuffmanDecodeError]);
        if (outcome.ok) expect(outcome.value.length).toBeLessThanOrEqual(maxDecodedLength(bytes.length));
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('accepts only the encoder\'s own output: a decoded string encodes back to the same bytes', () => {
    fc.assert(
      fc.property(fuzzBytes(SEEDS), (bytes) => {
        const outcome = decodeOrTypedError(() => huffmanDecode(bytes), [HuffmanDecodeError]);
        if (outcome.ok) expect(huffmanEncode(outcome.value)).toEqual(bytes);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('decodes whatever it encodes, every byte value included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(huffmanDecode(huffmanEncode(bytes))).toEqual(bytes);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});
