// A model HPACK encoder (RFC 7541) for the HPACK fuzz tests: random abstract blocks, encoded against a simple
// dynamic table, with the fields and table the decoder must end up with.
import fc from 'fast-check';
import type { HpackField, HpackRepresentation } from '../../src/codec/hpack-decoder.js';
import { HPACK_STATIC_TABLE } from '../../src/codec/hpack-static-table.js';
// HPACK's integers and strings are QPACK's with a 7-bit string prefix (RFC 9204 §4.1.1 says so).
import { writePrefixInteger, writeStringLiteral } from '../../src/codec/qpack-primitives.js';

type NameSource = { readonly source: 'static' | 'dynamic'; readonly pick: number } | { readonly source: 'literal'; readonly text: string };

export type AbstractField =
  | { readonly kind: 'indexed'; readonly source: 'static' | 'dynamic'; readonly pick: number }
  | { readonly kind: 'literal'; readonly representation: Exclude<HpackRepresentation, 'indexed'>; readonly name: NameSource; readonly value: string };

export interface AbstractBlock {
  /** Dynamic table size updates at the block's start, as fractions of the limit. */
  readonly updates: readonly number[];
  readonly fields: readonly AbstractField[];
}

export interface EncodedBlock {
  readonly bytes: Uint8Array;
  readonly updates: readonly number[];
  readonly fields: readonly HpackField[];
  /** The dynamic table after the block, newest first. */
  readonly entries: readonly (readonly [string, string])[];
}

const latin1 = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 16 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
).map((b) => String.fromCharCode(...b));

const nameSource: fc.Arbitrary<NameSource> = fc.oneof(
  fc.record({ source: fc.constantFrom('static' as const, 'dynamic' as const), pick: fc.nat() }),
  fc.record({ source: fc.constant('literal' as const), text: latin1 }),
);

const field: fc.Arbitrary<AbstractField> = fc.oneof(
  fc.record({ kind: fc.constant('indexed' as const), source: fc.constantFrom('static' as const, 'dynamic' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('literal' as const), representation: fc.constantFrom('literal-indexed' as const, 'literal' as const, 'never-indexed' as const),
    name: nameSource, value: latin1,
  }),
);

/** A table limit and the blocks one connection direction carries. */
export const hpackBlocks = fc.record({
  limit: fc.constantFrom(0, 100, 256, 4096),
  blocks: fc.array(
    fc.record({ updates: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 2 }), fields: fc.array(field, { maxLength: 8 }) }),
    { maxLength: 4 },
  ),
});

const LITERAL_PREFIX = { 'literal-indexed': [6, 0x40], literal: [4, 0x00], 'never-indexed': [4, 0x10] } as const;

export interface HpackModel {
  /** Encodes the next block against the model's table and applies it. */
  encode(block: AbstractBlock): EncodedBlock;
}

export function createHpackModel(limit: number): HpackModel {
  let maxSize = limit;
  const entries: [string, string][] = [];
  let size = 0;
  const evict = (): void => {
    while (size > maxSize) {
      const [name, value] = entries.pop()!;
      size -= name.length + value.length + 32;
    }
  };
  /** A table index: static when asked, or when the dynamic table is empty. */
  const indexOf = (source: 'static' | 'dynamic', pick: number): number =>
    source === 'dynamic' && entries.length > 0 ? HPACK_STATIC_TABLE.length + 1 + (pick % entries.length) : 1 + (pick % HPACK_STATIC_TABLE.length);
  const entryAt = (index: number): readonly [string, string] =>
    index <= HPACK_STATIC_TABLE.length ? HPACK_STATIC_TABLE[index - 1]! : entries[index - HPACK_STATIC_TABLE.length - 1]!;

  const encodeField = (out: number[], f: AbstractField): HpackField => {
    if (f.kind === 'indexed') {
      const index = indexOf(f.source, f.pick);
      writePrefixInteger(out, index, 7, 0x80);
      const [name, value] = entryAt(index);
      return { name, value, representation: 'indexed', index };
    }
    const [prefixBits, flags] = LITERAL_PREFIX[f.representation];
    const index = f.name.source === 'literal' ? 0 : indexOf(f.name.source, f.name.pick);
    writePrefixInteger(out, index, prefixBits, flags);
    const name = f.name.source === 'literal' ? f.name.text : entryAt(index)[0];
    if (index === 0) writeStringLiteral(out, name, 7, 0x00);
    writeStringLiteral(out, f.value, 7, 0x00);
    if (f.representation === 'literal-indexed') {
      entries.unshift([name, f.value]);
      size += name.length + f.value.length + 32;
      evict();
    }
    return index === 0 ? { name, value: f.value, representation: f.representation } : { name, value: f.value, representation: f.representation, index };
  };

  return {
    encode(block) {
      const out: number[] = [];
      const updates = block.updates.map((fraction) => Math.floor(fraction * limit));
      for (const update of updates) {
        writePrefixInteger(out, update, 5, 0x20);
        maxSize = update;
        evict();
      }
      const fields = block.fields.map((f) => encodeField(out, f));
      return { bytes: Uint8Array.from(out), updates, fields, entries: entries.map(([n, v]) => [n, v] as const) };
    },
  };
}
