// Fuzz tests for the QPACK decoder (RFC 9204): encoder stream instructions and field sections give typed
// errors only, the dynamic table never outgrows its capacity, the encoder stream reads the same however it is
// split, and valid input from a model encoder decodes to the model's fields and table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QpackBlockedError, QpackDecodeError } from '../../src/codec/qpack-decode-error.js';
import { createQpackDecoder } from '../../src/codec/qpack-decoder.js';
import type { QpackDecoder, QpackFieldSection } from '../../src/codec/qpack-decoder.js';
import { encodeFieldSection } from '../../src/codec/qpack-encoder.js';
import { QPACK_STATIC_TABLE } from '../../src/codec/qpack-static-table.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';
import { bytewise, fuzzBytes, splitAt, splitPoints } from './mutate-bytes.js';
import { createQpackModel, qpackSteps } from './qpack-model.js';
import { decodeOrTypedError, outcomeKey } from './typed-outcome.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const QPACK_ERRORS = [QpackDecodeError];

// RFC 9204 Appendix B.
const ENCODER_SEEDS = [
  '3fbd01 c00f 7777 772e 6578 616d 706c 652e 636f 6d c10c 2f73 616d 706c 652f 7061 7468',
  '4a63 7573 746f 6d2d 6b65 790c 6375 7374 6f6d 2d76 616c 7565', '02', '810d 6375 7374 6f6d 2d76 616c 7565 32',
].map(hex);
const RFC_ENCODER_STREAM = Uint8Array.from(ENCODER_SEEDS.flatMap((b) => [...b]));
const SECTION_SEEDS = [
  hex('0000 510b 2f69 6e64 6578 2e68 746d 6c'), hex('0381 10 11'), hex('0500 80 c1 81'), hex('0600 84'),
  encodeFieldSection([[':method', 'GET'], [':path', '/index.html'], ['x-custom', 'v\u00ff'], ['content-type', 'text/html']]),
];
const STATIC_MAX = Math.max(...QPACK_STATIC_TABLE.map(([n, v]) => n.length + v.length));

function expectTableWithinCapacity(decoder: QpackDecoder, maxTableCapacity: number): void {
  const { entries, size, capacity } = decoder.table();
  expect(capacity).toBeLessThanOrEqual(maxTableCapacity);
  expect(size).toBe(entries.reduce((n, [name, value]) => n + name.length + value.length + 32, 0));
  expect(size).toBeLessThanOrEqual(capacity);
}

/** Each line takes a byte at least; a table lookup gives at most max(capacity, STATIC_MAX) chars, literals 8/5 a byte. */
function expectBoundedSection(block: Uint8Array, section: QpackFieldSection, capacity: number): void {
  const chars = section.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  expect(section.fields.length).toBeLessThanOrEqual(block.length);
  expect(chars).toBeLessThanOrEqual(block.length * Math.max(capacity, STATIC_MAX) + Math.floor((8 * block.length) / 5));
}

function feed(decoder: QpackDecoder, chunks: readonly Uint8Array[]): ReturnType<QpackDecoder['onEncoderStream']> {
  return chunks.flatMap((chunk) => decoder.onEncoderStream(chunk));
}

describe('QPACK encoder stream on random and mutated input', () => {
  it('applies instructions or throws QpackDecodeError, the same however the stream is split', () => {
    fc.assert(
      fc.property(fuzzBytes(ENCODER_SEEDS), splitPoints, fc.constantFrom(0, 100, 220, 4096), (stream, points, maxTableCapacity) => {
        const run = (chunks: readonly Uint8Array[]): string => {
          const decoder = createQpackDecoder({ maxTableCapacity });
          const outcome = decodeOrTypedError(() => feed(decoder, chunks), QPACK_ERRORS);
          expectTableWithinCapacity(decoder, maxTableCapacity);
          return outcomeKey(outcome) + JSON.stringify(outcome.ok ? decoder.table() : {});
        };
        const whole = run([stream]);
        expect(run(splitAt(stream, points))).toBe(whole);
        expect(run(bytewise(stream))).toBe(whole);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('refuses a string that cannot fit the table as soon as its length arrives, rather than buffering it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 221 * 4 + 1, max: 2 ** 40 }), fc.boolean(), fc.constantFrom(0, 220), (length, isHuffman, capacity) => {
        const decoder = createQpackDecoder({ maxTableCapacity: 220 });
        decoder.onEncoderStream(capacity === 0 ? hex('20') : hex('3fbd01'));
        const header: number[] = [];
        writeLengthPrefixed(header, length, isHuffman);
        expect(() => decoder.onEncoderStream(Uint8Array.from(header))).toThrow(QpackDecodeError);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});

/** Insert With Literal Name (RFC 9204 §4.3.3) whose name declares `length` bytes, none of which follow. */
function writeLengthPrefixed(out: number[], length: number, isHuffman: boolean): void {
  out.push(0x40 | (isHuffman ? 0x20 : 0) | 0x1f);
  let rest = length - 0x1f;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

describe('QPACK field sections on random and mutated input', () => {
  it('decode within bounds or throw QpackDecodeError (QpackBlockedError included), never anything else', () => {
    fc.assert(
      fc.property(fuzzBytes(SECTION_SEEDS), fc.boolean(), (block, withTable) => {
        const decoder = createQpackDecoder({ maxTableCapacity: withTable ? 220 : 0 });
        if (withTable) decoder.onEncoderStream(RFC_ENCODER_STREAM);
        const outcome = decodeOrTypedError(() => decoder.decodeFieldSection(0, block), QPACK_ERRORS);
        if (outcome.ok) expectBoundedSection(block, outcome.value, decoder.table().capacity);
        if (!outcome.ok && outcome.error instanceof QpackBlockedError) {
          expect(outcome.error.requiredInsertCount).toBeGreaterThan(outcome.error.insertCount);
        }
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('QPACK decoder on valid input from a model encoder', () => {
  it('gives the model\'s table and fields, with the encoder stream split anywhere', () => {
    fc.assert(
      fc.property(qpackSteps, splitPoints, ({ maxTableCapacity, steps }, points) => {
        const decoder = createQpackDecoder({ maxTableCapacity });
        const model = createQpackModel(maxTableCapacity);
        for (const step of steps) {
          if (step.kind === 'encoder') {
            feed(decoder, splitAt(model.encoderStream(step.instructions), points));
            expect(decoder.table()).toEqual(model.table());
          } else {
            const { bytes, fields } = model.fieldSection(step.baseFraction, step.lines);
            expect(decoder.decodeFieldSection(0, bytes).fields).toEqual(fields);
          }
        }
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});
