// Fuzz tests for the text format: random, mutated and token-soup input never makes parseTextFormat throw
// anything but QurlError('grpc-schema', 'text format: L:C: …'), what it accepts prints and parses again, and
// printTextFormat never throws on whatever the binary reader accepts (unknown fields, groups, odd enums).
import { fromBinary } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { QurlError } from '../../../../src/errors/index.js';
import { parseTextFormat, printTextFormat } from '../../../../src/grpc/text-format/index.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from '../../../fuzz/fuzz-runs.js';
import { fuzzBytes, fuzzText } from '../../../fuzz/mutate-bytes.js';
import { decodeOrTypedError } from '../../../fuzz/typed-outcome.js';
import { messageArbitrary } from './message-arbitrary.js';
import { loadTextSchemas, type TextSchemas } from './text-schemas.js';

const TYPES = ['qurl.text.Rich', 'qurl.legacy.Old', 'qurl.text.Scalars', 'google.protobuf.Struct', 'google.protobuf.Any'] as const;

const HAND_WRITTEN = [
  'scalars { f_double: -1.5e3 f_float: inf f_int64: -0x10 f_uint64: 017 f_bool: t f_string: "a\\n\\x41\\u00e9" \'b\' f_bytes: "\\377" }',
  'ints: [1, 2, 3] inners: [{ name: "a" }, < n: 2 >] counts { key: "k" value: 1 }; by_id: [{ key: -1 value { } }]',
  'color: GREEN colors: [RED, 7] inner { child { child { n: 1 } } } maybe: 0 # comment\n',
  'any { [type.googleapis.com/qurl.text.Inner] { name: "p" } } ts: < seconds:1 nanos:2 > meta { fields { key: "x" value { null_value: NULL_VALUE } } }',
  'name: "n" Extras { weight: nan } Item [{ id: 1 }] [qurl.legacy.lucky]: [1, 2] [qurl.legacy.Holder.nested_ext] { name: "i" }',
  'fields { key: "a" value { list_value { values { number_value: -0.0 } values { string_value: "s" } } } }',
  '[type.googleapis.com/google.protobuf.Duration]: < seconds: 3 >',
];

/** Words and marks of the grammar, so random sequences reach deep into the parser. */
const VOCABULARY = [
  '{', '}', '<', '>', '[', ']', ':', ',', ';', '-', '/', '.', '#\n', '\n', '"s"', "'\\377'", '"\\u00e9"', '0', '1', '-1', '0x7f', '017', '1.5', '1e400', '.5f',
  'inf', 'nan', 'true', 'f', 'RED', 'NULL_VALUE', 'name', 'n', 'child', 'inner', 'inners', 'ints', 'counts', 'key', 'value', 'by_id', 'any', 'meta', 'fields',
  'scalars', 'f_int32', 'f_string', 'f_bytes', 'f_float', 'f_uint64', 'Extras', 'Item', 'next', 'level', 'id', 'weight', 'type_url', 'list_value', 'values',
  '[qurl.legacy.lucky]', '[qurl.legacy.Holder.nested_ext]', '[type.googleapis.com/qurl.text.Inner]', '[x/qurl.text.Inner]', 'struct_value', 'number_value',
];

let s: TextSchemas;
let seeds: string[] = [];
beforeAll(async () => {
  s = await loadTextSchemas();
  const printed = TYPES.flatMap((name) => {
    const desc = s.message(name);
    return fc.sample(messageArbitrary(desc, s.registry, 2), { numRuns: 4, seed: 42 }).map((m) => printTextFormat(desc, m, s.registry));
  });
  seeds = [...HAND_WRITTEN, ...printed.filter((text) => text !== '')];
});

/** Parses as one of the test types; a failure must be the typed, positioned, one-line error. */
function checkParse(typeIndex: number, text: string): void {
  const desc = s.message(TYPES[typeIndex % TYPES.length]!);
  const outcome = decodeOrTypedError(() => parseTextFormat(desc, text, s.registry), [QurlError]);
  if (!outcome.ok) {
    const err = outcome.error as QurlError;
    expect(err.kind).toBe('grpc-schema');
    expect(err.message).toMatch(/^text format: \d+:\d+: \S/);
    expect(err.message).not.toContain('\n');
    return;
  }
  const printed = printTextFormat(desc, outcome.value, s.registry);
  parseTextFormat(desc, printed, s.registry);
}

describe('the text format on random and mutated input', () => {
  it('random and mutated text: a result or a grpc-schema QurlError, nothing else', () => {
    fc.assert(fc.property(fc.nat(), fc.constant(null).chain(() => fuzzText(seeds, 96)), checkParse), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);

  it('random token sequences: a result or a grpc-schema QurlError, nothing else', () => {
    const soup = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 40 }).map((words) => words.join(' '));
    fc.assert(fc.property(fc.nat(), soup, checkParse), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);

  it('printTextFormat prints whatever the binary reader accepts', () => {
    fc.assert(fc.property(fc.nat(), fuzzBytes([Uint8Array.of(0x0a, 0x01, 0x41, 0x63, 0x0b, 0x08, 0x01, 0x0c, 0x28, 0x09, 0xa2, 0x06, 0x02, 0x08, 0x01)], 48), (typeIndex, bytes) => {
      const desc = s.message(TYPES[typeIndex % TYPES.length]!);
      let message;
      try {
        message = fromBinary(desc, bytes);
      } catch {
        return;
      }
      expect(typeof printTextFormat(desc, message, s.registry)).toBe('string');
    }), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);
});
