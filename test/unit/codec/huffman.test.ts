import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HuffmanDecodeError, huffmanDecode, huffmanEncode } from '../../../src/codec/huffman.js';

const hex = (s: string): Uint8Array => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

describe('HPACK Huffman code (RFC 7541 §5.2, Appendix B)', () => {
  // The Huffman-coded strings of RFC 7541 Appendix C.4 and C.6.
  it.each([
    ['f1e3 c2e5 f23a 6ba0 ab90 f4ff', 'www.example.com'],
    ['a8eb 1064 9cbf', 'no-cache'],
    ['25a8 49e9 5ba9 7d7f', 'custom-key'],
    ['25a8 49e9 5bb8 e8b4 bf', 'custom-value'],
    ['6402', '302'],
    ['aec3 771a 4b', 'private'],
    ['d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff', 'Mon, 21 Oct 2013 20:13:21 GMT'],
    ['9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3', 'https://www.example.com'],
  ])('%s ↔ %s', (encoded, decoded) => {
    expect(text(huffmanDecode(hex(encoded)))).toBe(decoded);
    expect(Buffer.from(huffmanEncode(Buffer.from(decoded, 'latin1'))).toString('hex')).toBe(encoded.replace(/\s+/g, ''));
  });

  it('refuses padding longer than 7 bits, padding that is not all ones, and EOS', () => {
    expect(() => huffmanDecode(hex('ff ff'))).toThrow(HuffmanDecodeError);
    expect(() => huffmanDecode(hex('f1e3 c2e5 f23a 6ba0 ab90 f4fe'))).toThrow(HuffmanDecodeError);
    expect(() => huffmanDecode(hex('ff ff ff ff'))).toThrow(HuffmanDecodeError);
  });

  it('decodes whatever it encodes (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => Buffer.from(huffmanDecode(huffmanEncode(bytes))).equals(Buffer.from(bytes))));
  });
});
