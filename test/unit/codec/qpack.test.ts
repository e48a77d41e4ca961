// QPACK (RFC 9204): Appendix B vectors in sequence on one decoder, as the RFC runs them, the static-only encoder,
// an encoder → decoder round trip, and decoder errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QpackBlockedError, QpackDecodeError } from '../../../src/codec/qpack-decode-error.js';
import { createQpackDecoder } from '../../../src/codec/qpack-decoder.js';
import type { QpackFieldSection } from '../../../src/codec/qpack-decoder.js';
import { encodeFieldSection } from '../../../src/codec/qpack-encoder.js';
import { QPACK_STATIC_TABLE } from '../../../src/codec/qpack-static-table.js';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const pairs = (section: QpackFieldSection): string[][] => section.fields.map((f) => [f.name, f.value]);

// RFC 9204 Appendix B, verbatim.
const B1_STREAM_0 = '0000 510b 2f69 6e64 6578 2e68 746d 6c';
const B2_ENCODER = '3fbd01 c00f 7777 772e 6578 616d 706c 652e 636f 6d c10c 2f73 616d 706c 652f 7061 7468';
const B2_STREAM_4 = '0381 10 11';
const B3_ENCODER = '4a63 7573 746f 6d2d 6b65 790c 6375 7374 6f6d 2d76 616c 7565';
const B4_ENCODER = '02';
const B4_STREAM_8 = '0500 80 c1 81';
const B5_ENCODER = '810d 6375 7374 6f6d 2d76 616c 7565 32';

describe('RFC 9204 Appendix B', () => {
  it('B.1 literal field line with name reference, no dynamic table', () => {
    const d = createQpackDecoder({ maxTableCapacity: 220 });
    const section = d.decodeFieldSection(0, hex(B1_STREAM_0));
    expect(section).toEqual({
      requiredInsertCount: 0, base: 0,
      fields: [{ name: ':path', value: '/index.html', representation: 'literal-static-name', neverIndexed: false, index: 1 }],
    });
    expect(d.table().size).toBe(0);
    expect(toHex(d.decoderInstructions())).toBe('');
  });

  it('B.2 to B.5 on one decoder: inserts, post-base references, speculative insert, duplicate, eviction', () => {
    const d = createQpackDecoder({ maxTableCapacity: 220 });

    // B.2 Dynamic Table
    expect(d.onEncoderStream(hex(B2_ENCODER))).toEqual([
      { kind: 'set-capacity', capacity: 220 },
      { kind: 'insert-with-name-reference', isStatic: true, index: 0, name: ':authority', value: 'www.example.com', absoluteIndex: 0 },
      { kind: 'insert-with-name-reference', isStatic: true, index: 1, name: ':path', value: '/sample/path', absoluteIndex: 1 },
    ]);
    expect(d.table()).toMatchObject({ size: 106, capacity: 220, insertCount: 2 });
    expect(d.decodeFieldSection(4, hex(B2_STREAM_4))).toEqual({
      requiredInsertCount: 2, base: 0,
      fields: [
        { name: ':authority', value: 'www.example.com', representation: 'indexed-post-base', neverIndexed: false, index: 0 },
        { name: ':path', value: '/sample/path', representation: 'indexed-post-base', neverIndexed: false, index: 1 },
      ],
    });
    expect(toHex(d.decoderInstructions())).toBe('84'); // Section Acknowledgment (stream=4)

    // B.3 Speculative Insert
    expect(d.onEncoderStream(hex(B3_ENCODER))).toEqual([
      { kind: 'insert-with-literal-name', name: 'custom-key', value: 'custom-value', absoluteIndex: 2 },
    ]);
    expect(d.table().size).toBe(160);
    expect(toHex(d.decoderInstructions())).toBe('01'); // Insert Count Increment (1)

    // B.4 Duplicate Instruction: the section arrives first and is blocked, as the RFC's delayed encoder stream packet.
    expect(() => d.decodeFieldSection(8, hex(B4_STREAM_8))).toThrow(QpackBlockedError);
    expect(d.onEncoderStream(hex(B4_ENCODER))).toEqual([
      { kind: 'duplicate', index: 2, name: ':authority', value: 'www.example.com', absoluteIndex: 3 },
    ]);
    expect(d.table().size).toBe(217);
    const section8 = d.decodeFieldSection(8, hex(B4_STREAM_8));
    expect(section8).toMatchObject({ requiredInsertCount: 4, base: 4 });
    expect(section8.fields).toEqual([
      { name: ':authority', value: 'www.example.com', representation: 'indexed-dynamic', neverIndexed: false, index: 3 },
      { name: ':path', value: '/', representation: 'indexed-static', neverIndexed: false, index: 1 },
      { name: 'custom-key', value: 'custom-value', representation: 'indexed-dynamic', neverIndexed: false, index: 2 },
    ]);
    // The RFC cancels stream 8 instead (48, Stream Cancellation); having decoded it, we acknowledge it.
    expect(toHex(d.decoderInstructions())).toBe('88');

    // B.5 Dynamic Table Insert, Eviction
    expect(d.onEncoderStream(hex(B5_ENCODER))).toEqual([
      { kind: 'insert-with-name-reference', isStatic: false, index: 1, name: 'custom-key', value: 'custom-value2', absoluteIndex: 4 },
    ]);
    expect(d.table()).toEqual({
      entries: [['custom-key', 'custom-value2'], [':authority', 'www.example.com'], ['custom-key', 'custom-value'], [':path', '/sample/path']],
      size: 215, capacity: 220, insertCount: 5,
    });
    expect(toHex(d.decoderInstructions())).toBe('01');
    expect(toHex(d.decoderInstructions())).toBe('');
  });

  it('applies the encoder stream the same when it arrives one byte at a time', () => {
    const d = createQpackDecoder({ maxTableCapacity: 220 });
    const all = hex([B2_ENCODER, B3_ENCODER, B4_ENCODER, B5_ENCODER].join(''));
    const kinds = Array.from(all, (_, i) => d.onEncoderStream(all.subarray(i, i + 1))).flat().map((i) => i.kind);
    expect(kinds).toEqual(['set-capacity', 'insert-with-name-reference', 'insert-with-name-reference', 'insert-with-literal-name', 'duplicate', 'insert-with-name-reference']);
    expect(d.table()).toMatchObject({ size: 215, insertCount: 5 });
    expect(d.table().entries[0]).toEqual(['custom-key', 'custom-value2']);
  });
});

describe('static table', () => {
  it('has the 99 entries of RFC 9204 Appendix A', () => {
    expect(QPACK_STATIC_TABLE).toHaveLength(99);
    expect(QPACK_STATIC_TABLE[0]).toEqual([':authority', '']);
    expect(QPACK_STATIC_TABLE[17]).toEqual([':method', 'GET']);
    expect(QPACK_STATIC_TABLE[25]).toEqual([':status', '200']);
    expect(QPACK_STATIC_TABLE[63]).toEqual([':status', '100']);
    expect(QPACK_STATIC_TABLE[85]).toEqual(['content-security-policy', "script-src 'none'; object-src 'none'; base-uri 'none'"]);
    expect(QPACK_STATIC_TABLE[98]).toEqual(['x-frame-options', 'sameorigin']);
  });
});

describe('static-only encoder', () => {
  it('uses indexed, name-reference and literal-name lines with a zero prefix', () => {
    expect(toHex(encodeFieldSection([[':method', 'GET'], [':scheme', 'https']]))).toBe('0000d1d7');
    // ':path /index.html' as in B.1, but the value Huffman-coded because that is shorter (8 bytes, not 11).
    const b1 = encodeFieldSection([[':path', '/index.html']]);
    expect(toHex(b1.subarray(0, 4))).toBe('00005188');
    expect(b1).toHaveLength(12);
    const literal = encodeFieldSection([['x-a', 'b']]);
    expect(toHex(literal)).toBe('0000 2378 2d61 0162'.replace(/ /g, ''));
  });

  it('round trips through the decoder (property)', () => {
    const staticNames = [...new Set(QPACK_STATIC_TABLE.map(([n]) => n))];
    const staticValues = [...new Set(QPACK_STATIC_TABLE.map(([, v]) => v))];
    const latin1 = fc.uint8Array({ maxLength: 40 }).map((b) => String.fromCharCode(...b));
    const name = fc.oneof(fc.constantFrom(...staticNames), fc.stringMatching(/^[a-z0-9-]{1,30}$/));
    const value = fc.oneof(fc.constantFrom(...staticValues), latin1);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 20 }), (fields) => {
        const section = createQpackDecoder({ maxTableCapacity: 0 }).decodeFieldSection(0, encodeFieldSection(fields));
        expect(pairs(section)).toEqual(fields);
        section.fields.forEach((f, i) => {
          const exact = QPACK_STATIC_TABLE.findIndex(([n, v]) => n === fields[i]![0] && v === fields[i]![1]);
          if (exact >= 0) expect(f).toMatchObject({ representation: 'indexed-static', index: exact });
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('decoder errors', () => {
  const section = (bytes: string, maxTableCapacity = 220) => () => createQpackDecoder({ maxTableCapacity }).decodeFieldSection(0, hex(bytes));

  it.each([
    ['empty section', ''],
    ['missing Base', '00'],
    ['truncated integer', '0000 ff'],
    ['name reference without a value', '0000 51'],
    ['value past the end', '0000 510b 2f69'],
    ['literal name past the end', '0000 23 78'],
    ['static index out of range', '0000 ff24'],
    ['static name index out of range', '0000 5f54 00'],
    ['dynamic reference with no Required Insert Count', '0000 80'],
    ['post-base reference with no Required Insert Count', '0000 10'],
    ['Required Insert Count above 2 * MaxEntries', '0d00'],
    ['Required Insert Count with no dynamic table', '0100', 0],
    ['negative Base', '0080'],
    ['bad Huffman padding', '0000 5181 00'],
    ['integer beyond 2^53', '0000 ffffffffffffffffffff7f'],
  ])('%s is a QpackDecodeError', (_name, bytes, capacity?: number) => {
    expect(section(bytes, capacity)).toThrow(QpackDecodeError);
  });

  it('a section referencing missing inserts is a QpackBlockedError', () => {
    const err = (() => {
      try {
        section(B2_STREAM_4)();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(QpackBlockedError);
    expect(err).toBeInstanceOf(QpackDecodeError);
    expect(err).toMatchObject({ requiredInsertCount: 2, insertCount: 0 });
  });

  it('decodes a wrapped Required Insert Count (RFC 9204 §4.5.1.1)', () => {
    const d = createQpackDecoder({ maxTableCapacity: 220 });
    const inserts = Array.from({ length: 20 }, (_, i) => `4161 01${(0x61 + i).toString(16)}`).join('');
    d.onEncoderStream(hex(`3fbd01 ${inserts}`));
    // MaxEntries 6, so 20 inserts encode as 20 mod 12 + 1 = 9; Base 20, relative index 0 is absolute 19.
    const decoded = d.decodeFieldSection(0, hex('0900 80'));
    expect(decoded).toMatchObject({ requiredInsertCount: 20, base: 20 });
    expect(decoded.fields).toEqual([{ name: 'a', value: 't', representation: 'indexed-dynamic', neverIndexed: false, index: 19 }]);
  });

  it('rejects a reference to an evicted entry', () => {
    const d = createQpackDecoder({ maxTableCapacity: 220 });
    d.onEncoderStream(hex([B2_ENCODER, B3_ENCODER, B4_ENCODER, B5_ENCODER].join('')));
    // Required Insert Count 5, Base 5; relative index 4 is absolute 0, evicted in B.5.
    expect(() => d.decodeFieldSection(12, hex('0600 84'))).toThrow(/absolute index 0, which was evicted/);
  });

  it.each([
    ['capacity above the maximum', '3fbd01', 100, /exceeds our SETTINGS_QPACK_MAX_TABLE_CAPACITY 100/],
    ['insert larger than the capacity', '3f01 4161 0162', 100, /larger than the dynamic table capacity 32/],
    ['duplicate of an empty table', '3f01 00', 100, /relative index 0/],
    ['name reference to a missing dynamic entry', '3f01 8000', 100, /relative index 0/],
    ['static name reference out of range', 'ff24 00', 100, /static index 99/],
  ])('encoder stream: %s is a QpackDecodeError', (_name, bytes, maxTableCapacity, message) => {
    const d = createQpackDecoder({ maxTableCapacity });
    expect(() => d.onEncoderStream(hex(bytes))).toThrow(QpackDecodeError);
    expect(() => createQpackDecoder({ maxTableCapacity }).onEncoderStream(hex(bytes))).toThrow(message);
  });

  it('any bytes decode or fail with QpackDecodeError, never anything else (property)', () => {
    const onlyDecodeErrors = (run: () => unknown): boolean => {
      try {
        run();
        return true;
      } catch (err) {
        return err instanceof QpackDecodeError;
      }
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (encoder, block) => {
        const d = createQpackDecoder({ maxTableCapacity: 4096 });
        expect(onlyDecodeErrors(() => d.onEncoderStream(encoder))).toBe(true);
        expect(onlyDecodeErrors(() => d.decodeFieldSection(0, block))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
