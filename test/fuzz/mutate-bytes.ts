// Fuzz inputs for test/fuzz: valid encodings (RFC vectors, encoder output) mutated by bit flips, truncation,
// insertion, deletion, splicing and inflated length fields, mixed with pure random bytes; and chunk splits.
import fc from 'fast-check';

export type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'set'; readonly at: number; readonly byte: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'delete'; readonly at: number; readonly count: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'splice'; readonly at: number; readonly seed: number; readonly from: number; readonly count: number }
  | { readonly kind: 'repeat'; readonly at: number; readonly count: number; readonly times: number }
  | { readonly kind: 'inflate'; readonly at: number; readonly fill: number; readonly count: number };

/** Bytes at the edges of prefixed integers, varint length classes and flag bits. */
const EDGE_BYTES = [0x00, 0x01, 0x0f, 0x10, 0x1f, 0x20, 0x3f, 0x40, 0x7f, 0x80, 0x81, 0xbf, 0xc0, 0xfe, 0xff] as const;
/** Inputs stay small so 100,000 runs stay cheap; mutations never grow an input past this. */
const MAX_MUTATED_LENGTH = 4096;

const byte = fc.oneof(fc.constantFrom(...EDGE_BYTES), fc.integer({ min: 0, max: 255 }));

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), seed: fc.nat(), from: fc.nat(), count: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 16 }), times: fc.integer({ min: 1, max: 8 }) }),
  // Length-field inflation: 0xff sets every prefix and length-class bit, then continuation bytes follow;
  // runs of 140+ 0x80 bytes carry a prefixed integer's shift past 2^1023 without changing its value.
  fc.record({
    kind: fc.constant('inflate' as const), at: fc.nat(), fill: fc.constantFrom(0xff, 0x80, 0x7f, 0x00),
    count: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 140, max: 160 })),
  }),
);

const join = (...parts: readonly Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

/** Applies one mutation; positions are taken modulo the current length, so any `at` is valid. */
export function applyMutation(input: Uint8Array, m: Mutation, seeds: readonly Uint8Array[]): Uint8Array {
  const at = m.at % (input.length + 1);
  const before = input.subarray(0, at);
  switch (m.kind) {
    case 'flip':
    case 'set': {
      if (at === input.length) return input;
      const out = input.slice();
      out[at] = m.kind === 'flip' ? out[at]! ^ (1 << m.bit) : m.byte;
      return out;
    }
    case 'insert':
      return join(before, m.bytes, input.subarray(at));
    case 'delete':
      return join(before, input.subarray(at + m.count));
    case 'truncate':
      return input.slice(0, at);
    case 'splice': {
      const other = seeds.length > 0 ? seeds[m.seed % seeds.length]! : input;
      const from = m.from % (other.length + 1);
      return join(before, other.subarray(from, from + m.count), input.subarray(at));
    }
    case 'repeat': {
      const range = input.subarray(at, at + m.count);
      return join(before, ...Array.from({ length: m.times + 1 }, () => range), input.subarray(at + m.count));
    }
    case 'inflate':
      return join(before, Uint8Array.of(0xff), new Uint8Array(m.count).fill(m.fill), input.subarray(at + 1));
  }
}

/** A seed (chosen from `seeds`) with up to `maxMutations` mutations applied in order. */
export function mutatedBytes(seeds: readonly Uint8Array[], maxMutations = 4): fc.Arbitrary<Uint8Array> {
  if (seeds.length === 0) throw new Error('mutatedBytes needs at least one seed');
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: maxMutations }))
    .map(([seed, mutations]) => mutations.reduce((bytes, m) => applyMutation(bytes, m, seeds), seed).slice(0, MAX_MUTATED_LENGTH));
}

/** Pure random bytes (up to `maxLength`) and mutated seeds, half and half. */
export function fuzzBytes(seeds: readonly Uint8Array[], maxLength = 64): fc.Arbitrary<Uint8Array> {
  return fc.oneof(fc.uint8Array({ maxLength }), mutatedBytes(seeds));
}

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const fromLatin1 = (b: Uint8Array): string => String.fromCharCode(...b);

/** For text decoders: random strings (ASCII and any Unicode) and mutated seeds, as latin1 (one char a byte). */
export function fuzzText(seeds: readonly string[], maxLength = 64): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary-ascii', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    mutatedBytes(seeds.map(latin1)).map(fromLatin1),
  );
}

/** Cut positions for `splitAt`: any naturals, taken modulo the input length. */
export const splitPoints: fc.Arbitrary<number[]> = fc.array(fc.nat(), { maxLength: 8 });

/** Splits `bytes` at the given points (empty chunks included, as a caller may push them). */
export function splitAt(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const cuts = points.map((p) => p % (bytes.length + 1)).sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const cut of cuts) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

/** One chunk a byte, the split that exercises every straddled boundary. */
export const bytewise = (bytes: Uint8Array): Uint8Array[] => Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
