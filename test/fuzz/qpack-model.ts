// A model QPACK encoder (RFC 9204) for the QPACK fuzz tests: random abstract encoder instructions and field
// lines, encoded against a simple dynamic table (wrapped Required Insert Counts and post-base indexes included),
// with the table and fields the decoder must end up with.
import fc from 'fast-check';
import type { QpackField } from '../../src/codec/qpack-decoder.js';
import { writePrefixInteger, writeStringLiteral } from '../../src/codec/qpack-primitives.js';
import { QPACK_STATIC_TABLE } from '../../src/codec/qpack-static-table.js';

export type AbstractInstruction =
  | { readonly kind: 'set-capacity'; readonly fraction: number }
  | { readonly kind: 'insert-literal'; readonly name: string; readonly value: string }
  | { readonly kind: 'insert-name-reference'; readonly isStatic: boolean; readonly pick: number; readonly value: string }
  | { readonly kind: 'duplicate'; readonly pick: number };

/** A field line: a table reference, or a literal with a referenced or literal name. */
export type AbstractLine =
  | { readonly kind: 'indexed'; readonly isStatic: boolean; readonly pick: number }
  | { readonly kind: 'literal-name-reference'; readonly isStatic: boolean; readonly pick: number; readonly neverIndexed: boolean; readonly value: string }
  | { readonly kind: 'literal'; readonly name: string; readonly neverIndexed: boolean; readonly value: string };

export type AbstractStep =
  | { readonly kind: 'encoder'; readonly instructions: readonly AbstractInstruction[] }
  | { readonly kind: 'section'; readonly baseFraction: number; readonly lines: readonly AbstractLine[] };

const latin1 = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 120 }) },
).map((b) => String.fromCharCode(...b));
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

const instruction: fc.Arbitrary<AbstractInstruction> = fc.oneof(
  fc.record({ kind: fc.constant('set-capacity' as const), fraction }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert-literal' as const), name: latin1, value: latin1 }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert-name-reference' as const), isStatic: fc.boolean(), pick: fc.nat(), value: latin1 }) },
  fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat() }),
);

const line: fc.Arbitrary<AbstractLine> = fc.oneof(
  fc.record({ kind: fc.constant('indexed' as const), isStatic: fc.boolean(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('literal-name-reference' as const), isStatic: fc.boolean(), pick: fc.nat(), neverIndexed: fc.boolean(), value: latin1 }),
  fc.record({ kind: fc.constant('literal' as const), name: latin1, neverIndexed: fc.boolean(), value: latin1 }),
);

/** What we announce as SETTINGS_QPACK_MAX_TABLE_CAPACITY (64: Required Insert Counts wrap every 4 inserts), and the steps. */
export const qpackSteps = fc.record({
  maxTableCapacity: fc.constantFrom(0, 64, 100, 220, 4096),
  steps: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('encoder' as const), instructions: fc.array(instruction, { maxLength: 6 }) }),
      fc.record({ kind: fc.constant('section' as const), baseFraction: fraction, lines: fc.array(line, { maxLength: 6 }) }),
    ),
    { maxLength: 6 },
  ),
});

interface Entry {
  readonly absolute: number;
  readonly name: string;
  readonly value: string;
}

export interface QpackModel {
  /** Encoder stream bytes for the instructions that are valid now (the rest are dropped), applied to the model. */
  encoderStream(instructions: readonly AbstractInstruction[]): Uint8Array;
  /** A field section's bytes and the fields the decoder must give. */
  fieldSection(baseFraction: number, lines: readonly AbstractLine[]): { readonly bytes: Uint8Array; readonly fields: readonly QpackField[] };
  /** The table as the decoder reports it. */
  table(): { readonly entries: readonly (readonly [string, string])[]; readonly size: number; readonly capacity: number; readonly insertCount: number };
}

const entrySize = (name: string, value: string): number => name.length + value.length + 32;

export function createQpackModel(maxTableCapacity: number): QpackModel {
  let capacity = 0;
  let size = 0;
  let insertCount = 0;
  const entries: Entry[] = []; // newest first
  const maxEntries = Math.floor(maxTableCapacity / 32);

  const insert = (name: string, value: string): void => {
    if (entrySize(name, value) > capacity) return;
    while (size + entrySize(name, value) > capacity) {
      const old = entries.pop()!;
      size -= entrySize(old.name, old.value);
    }
    entries.unshift({ absolute: insertCount++, name, value });
    size += entrySize(name, value);
  };
  const staticIndex = (pick: number): number => pick % QPACK_STATIC_TABLE.length;
  const live = (pick: number): Entry | undefined => (entries.length === 0 ? undefined : entries[pick % entries.length]);

  const encodeInstruction = (out: number[], i: AbstractInstruction): void => {
    if (i.kind === 'set-capacity') {
      capacity = Math.floor(i.fraction * maxTableCapacity);
      writePrefixInteger(out, capacity, 5, 0x20);
      while (size > capacity) {
        const old = entries.pop()!;
        size -= entrySize(old.name, old.value);
      }
      return;
    }
    if (i.kind === 'insert-literal') {
      if (entrySize(i.name, i.value) > capacity) return;
      writeStringLiteral(out, i.name, 5, 0x40);
      writeStringLiteral(out, i.value, 7, 0x00);
      insert(i.name, i.value);
      return;
    }
    const entry = i.kind === 'duplicate' || !i.isStatic ? live(i.pick) : undefined;
    if (i.kind === 'duplicate') {
      if (!entry || entrySize(entry.name, entry.value) > capacity) return;
      writePrefixInteger(out, insertCount - 1 - entry.absolute, 5, 0x00);
      insert(entry.name, entry.value);
      return;
    }
    if (!i.isStatic && !entry) return;
    const name = entry ? entry.name : QPACK_STATIC_TABLE[staticIndex(i.pick)]![0];
    if (entrySize(name, i.value) > capacity) return;
    writePrefixInteger(out, entry ? insertCount - 1 - entry.absolute : staticIndex(i.pick), 6, entry ? 0x80 : 0xc0);
    writeStringLiteral(out, i.value, 7, 0x00);
    insert(name, i.value);
  };

  type Resolved = { readonly line: AbstractLine; readonly entry?: Entry };

  const encodeLine = (out: number[], { line: l, entry }: Resolved, base: number): QpackField => {
    if (l.kind === 'literal') {
      writeStringLiteral(out, l.name, 3, 0x20 | (l.neverIndexed ? 0x10 : 0));
      writeStringLiteral(out, l.value, 7, 0x00);
      return { name: l.name, value: l.value, representation: 'literal', neverIndexed: l.neverIndexed };
    }
    const neverIndexed = l.kind === 'literal-name-reference' && l.neverIndexed;
    const isIndexed = l.kind === 'indexed';
    if (!entry) {
      const index = staticIndex(l.pick);
      const [name, value] = QPACK_STATIC_TABLE[index]!;
      if (isIndexed) writePrefixInteger(out, index, 6, 0xc0);
      else writePrefixInteger(out, index, 4, 0x50 | (neverIndexed ? 0x20 : 0));
      if (isIndexed) return { name, value, representation: 'indexed-static', neverIndexed: false, index };
      writeStringLiteral(out, l.value, 7, 0x00);
      return { name, value: l.value, representation: 'literal-static-name', neverIndexed, index };
    }
    const isPostBase = entry.absolute >= base;
    const wireIndex = isPostBase ? entry.absolute - base : base - 1 - entry.absolute;
    if (isIndexed) {
      writePrefixInteger(out, wireIndex, isPostBase ? 4 : 6, isPostBase ? 0x10 : 0x80);
      return { name: entry.name, value: entry.value, representation: isPostBase ? 'indexed-post-base' : 'indexed-dynamic', neverIndexed: false, index: entry.absolute };
    }
    writePrefixInteger(out, wireIndex, isPostBase ? 3 : 4, isPostBase ? (neverIndexed ? 0x08 : 0) : 0x40 | (neverIndexed ? 0x20 : 0));
    writeStringLiteral(out, l.value, 7, 0x00);
    const representation = isPostBase ? 'literal-post-base-name' : 'literal-dynamic-name';
    return { name: entry.name, value: l.value, representation, neverIndexed, index: entry.absolute };
  };

  return {
    encoderStream(instructions) {
      const out: number[] = [];
      for (const i of instructions) encodeInstruction(out, i);
      return Uint8Array.from(out);
    },
    fieldSection(baseFraction, lines) {
      const resolved: Resolved[] = lines.map((l) => {
        const entry = l.kind !== 'literal' && !l.isStatic ? live(l.pick) : undefined;
        return entry ? { line: l, entry } : { line: l };
      });
      // RFC 9204 §2.1.2: one more than the largest absolute index referenced.
      const required = resolved.reduce((n, r) => Math.max(n, r.entry ? r.entry.absolute + 1 : 0), 0);
      const base = Math.floor(baseFraction * (required + 2));
      const out: number[] = [];
      writePrefixInteger(out, required === 0 ? 0 : (required % (2 * maxEntries)) + 1, 8, 0x00); // §4.5.1.1
      if (base >= required) writePrefixInteger(out, base - required, 7, 0x00);
      else writePrefixInteger(out, required - base - 1, 7, 0x80);
      const fields = resolved.map((r) => encodeLine(out, r, base));
      return { bytes: Uint8Array.from(out), fields };
    },
    table: () => ({ entries: entries.map((e) => [e.name, e.value] as const), size, capacity, insertCount }),
  };
}
