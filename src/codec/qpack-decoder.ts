// QPACK decoder (RFC 9204): applies the peer's encoder stream to a dynamic table, decodes field sections, and
// produces our decoder stream. Pure; the HTTP/3 client keeps one per connection and its frame trace shows the results.
import { concatBytes } from './concat-bytes.js';
import { QpackBlockedError, QpackDecodeError } from './qpack-decode-error.js';
import { createQpackDynamicTable, QPACK_ENTRY_OVERHEAD } from './qpack-dynamic-table.js';
import type { QpackDynamicTable } from './qpack-dynamic-table.js';
import { readPrefixInteger, readStringLiteral, writePrefixInteger } from './qpack-primitives.js';
import type { QpackCursor } from './qpack-primitives.js';
import { QPACK_STATIC_TABLE } from './qpack-static-table.js';

/** An encoder stream instruction (RFC 9204 §4.3) as decoded; `index` is as on the wire, `absoluteIndex` is the new entry's. */
export type QpackEncoderInstruction =
  | { readonly kind: 'set-capacity'; readonly capacity: number }
  | {
    readonly kind: 'insert-with-name-reference'; readonly isStatic: boolean; readonly index: number;
    readonly name: string; readonly value: string; readonly absoluteIndex: number;
  }
  | { readonly kind: 'insert-with-literal-name'; readonly name: string; readonly value: string; readonly absoluteIndex: number }
  | { readonly kind: 'duplicate'; readonly index: number; readonly name: string; readonly value: string; readonly absoluteIndex: number };

export type QpackRepresentation =
  | 'indexed-static' | 'indexed-dynamic' | 'indexed-post-base'
  | 'literal-static-name' | 'literal-dynamic-name' | 'literal-post-base-name' | 'literal';

export interface QpackField {
  readonly name: string;
  readonly value: string;
  readonly representation: QpackRepresentation;
  /** The N bit of literal representations (RFC 9204 §4.5.4): intermediaries must not index the field. */
  readonly neverIndexed: boolean;
  /** The static index, or the absolute index of a dynamic entry, that gave the field or its name. */
  readonly index?: number;
}

export interface QpackFieldSection {
  readonly requiredInsertCount: number;
  readonly base: number;
  readonly fields: readonly QpackField[];
}

export interface QpackDecoderOptions {
  /** What we announced as SETTINGS_QPACK_MAX_TABLE_CAPACITY. */
  readonly maxTableCapacity: number;
  /** What we announced as SETTINGS_QPACK_BLOCKED_STREAMS (default 0); only changes the QpackBlockedError message. */
  readonly maxBlockedStreams?: number;
}

export interface QpackDecoder {
  /** Feeds the peer's encoder stream (split anywhere), applies complete instructions and returns them; throws QpackDecodeError. */
  onEncoderStream(bytes: Uint8Array): QpackEncoderInstruction[];
  /** Decodes one field section of a HEADERS or PUSH_PROMISE frame; throws QpackBlockedError if inserts are missing. */
  decodeFieldSection(streamId: number, block: Uint8Array): QpackFieldSection;
  /** Decoder stream bytes owed since the last call: Section Acknowledgments, then an Insert Count Increment. */
  decoderInstructions(): Uint8Array;
  /** The dynamic table, newest entry first. */
  table(): { readonly entries: readonly (readonly [string, string])[]; readonly size: number; readonly capacity: number; readonly insertCount: number };
}

export function createQpackDecoder(options: QpackDecoderOptions): QpackDecoder {
  const { maxTableCapacity, maxBlockedStreams = 0 } = options;
  const maxEntries = Math.floor(maxTableCapacity / QPACK_ENTRY_OVERHEAD);
  const table = createQpackDynamicTable();
  let pending: Uint8Array = new Uint8Array(0);
  let knownReceivedCount = 0;
  let unacknowledgedSections: number[] = [];

  const apply = (instruction: QpackEncoderInstruction): void => {
    if (instruction.kind !== 'set-capacity') {
      table.insert(instruction.name, instruction.value);
    } else if (instruction.capacity > maxTableCapacity) {
      throw new QpackDecodeError(`Set Dynamic Table Capacity ${instruction.capacity} exceeds our SETTINGS_QPACK_MAX_TABLE_CAPACITY ${maxTableCapacity}`);
    } else {
      table.setCapacity(instruction.capacity);
    }
  };

  return {
    onEncoderStream(bytes) {
      const joined = pending.length === 0 ? bytes : concatBytes([pending, bytes]);
      const cursor: QpackCursor = { bytes: joined, pos: 0 };
      const instructions: QpackEncoderInstruction[] = [];
      while (cursor.pos < joined.length) {
        const start = cursor.pos;
        const instruction = readEncoderInstruction(cursor, table);
        if (!instruction) {
          cursor.pos = start;
          break;
        }
        apply(instruction);
        instructions.push(instruction);
      }
      pending = joined.slice(cursor.pos);
      return instructions;
    },

    decodeFieldSection(streamId, block) {
      const cursor: QpackCursor = { bytes: block, pos: 0 };
      const encoded = need(readPrefixInteger(cursor, 8), 'the Required Insert Count');
      const requiredInsertCount = decodeRequiredInsertCount(encoded, maxEntries, table.insertCount);
      const isNegative = ((block[cursor.pos] ?? 0) & 0x80) !== 0;
      const delta = need(readPrefixInteger(cursor, 7), 'the Base');
      if (isNegative && delta >= requiredInsertCount) {
        throw new QpackDecodeError(`Base is negative: Required Insert Count ${requiredInsertCount} minus Delta Base ${delta} minus 1`);
      }
      const base = isNegative ? requiredInsertCount - delta - 1 : requiredInsertCount + delta;
      if (requiredInsertCount > table.insertCount) {
        const why = maxBlockedStreams === 0 ? 'we allow no blocked streams' : 'this decoder does not queue blocked streams';
        throw new QpackBlockedError(requiredInsertCount, table.insertCount,
          `field section on stream ${streamId} needs ${requiredInsertCount} inserts but ${table.insertCount} arrived, and ${why}`);
      }
      const section = { cursor, table, requiredInsertCount, base };
      const fields: QpackField[] = [];
      while (cursor.pos < block.length) fields.push(readFieldLine(section));
      if (requiredInsertCount > 0) {
        unacknowledgedSections.push(streamId);
        knownReceivedCount = Math.max(knownReceivedCount, requiredInsertCount);
      }
      return { requiredInsertCount, base, fields };
    },

    decoderInstructions() {
      const out: number[] = [];
      for (const streamId of unacknowledgedSections) writePrefixInteger(out, streamId, 7, 0x80); // §4.4.1 Section Acknowledgment
      unacknowledgedSections = [];
      if (table.insertCount > knownReceivedCount) {
        writePrefixInteger(out, table.insertCount - knownReceivedCount, 6, 0x00); // §4.4.3 Insert Count Increment
        knownReceivedCount = table.insertCount;
      }
      return Uint8Array.from(out);
    },

    table: () => ({ entries: table.entries, size: table.size, capacity: table.capacity, insertCount: table.insertCount }),
  };
}

/** RFC 9204 §4.5.1.1. */
function decodeRequiredInsertCount(encoded: number, maxEntries: number, totalInserts: number): number {
  if (encoded === 0) return 0;
  const fullRange = 2 * maxEntries;
  if (encoded > fullRange) throw new QpackDecodeError(`encoded Required Insert Count ${encoded} exceeds 2 * MaxEntries (${fullRange})`);
  const maxValue = totalInserts + maxEntries;
  const maxWrapped = Math.floor(maxValue / fullRange) * fullRange;
  let required = maxWrapped + encoded - 1;
  if (required > maxValue) {
    if (required <= fullRange) throw new QpackDecodeError(`encoded Required Insert Count ${encoded} decodes above the possible ${maxValue}`);
    required -= fullRange;
  }
  if (required === 0) throw new QpackDecodeError(`encoded Required Insert Count ${encoded} decodes to 0, which must be encoded as 0`);
  return required;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new QpackDecodeError(`field section ends inside ${what}`);
  return value;
}

function staticEntry(index: number, what: string): readonly [string, string] {
  const entry = QPACK_STATIC_TABLE[index];
  if (!entry) throw new QpackDecodeError(`${what} references static index ${index}, beyond the table (0..${QPACK_STATIC_TABLE.length - 1})`);
  return entry;
}

/** Reads one encoder instruction (RFC 9204 §4.3); undefined when its bytes have not all arrived. */
function readEncoderInstruction(cursor: QpackCursor, table: QpackDynamicTable): QpackEncoderInstruction | undefined {
  const first = cursor.bytes[cursor.pos]!;
  const absoluteIndex = table.insertCount;
  // A string longer than the capacity can never be inserted (RFC 9204 §3.2.2); refusing it when its length arrives
  // keeps the bytes held back for an incomplete instruction within a few times the capacity.
  const readString = (prefixBits: number): string | undefined => readStringLiteral(cursor, prefixBits, table.capacity);
  const relative = (index: number, what: string): readonly [string, string] => {
    const entry = table.get(table.insertCount - 1 - index);
    if (!entry) throw new QpackDecodeError(`${what} references relative index ${index}, not in the dynamic table (${table.insertCount} inserts, ${table.entries.length} entries)`);
    return entry;
  };
  if (first & 0x80) {
    const isStatic = (first & 0x40) !== 0;
    const index = readPrefixInteger(cursor, 6);
    const value = index === undefined ? undefined : readString(7);
    if (index === undefined || value === undefined) return undefined;
    const [name] = isStatic ? staticEntry(index, 'Insert With Name Reference') : relative(index, 'Insert With Name Reference');
    return { kind: 'insert-with-name-reference', isStatic, index, name, value, absoluteIndex };
  }
  if (first & 0x40) {
    const name = readString(5);
    const value = name === undefined ? undefined : readString(7);
    if (name === undefined || value === undefined) return undefined;
    return { kind: 'insert-with-literal-name', name, value, absoluteIndex };
  }
  const index = readPrefixInteger(cursor, 5);
  if (index === undefined) return undefined;
  if (first & 0x20) return { kind: 'set-capacity', capacity: index };
  const [name, value] = relative(index, 'Duplicate');
  return { kind: 'duplicate', index, name, value, absoluteIndex };
}

interface SectionContext {
  readonly cursor: QpackCursor;
  readonly table: QpackDynamicTable;
  readonly requiredInsertCount: number;
  readonly base: number;
}

function dynamicEntry(section: SectionContext, absolute: number, what: string): readonly [string, string] {
  const { table, requiredInsertCount, base } = section;
  if (absolute < 0) throw new QpackDecodeError(`${what} points below absolute index 0 (Base ${base})`);
  // RFC 9204 §2.2.3: references at or above the Required Insert Count, or to evicted entries, are errors.
  if (absolute >= requiredInsertCount) throw new QpackDecodeError(`${what} references absolute index ${absolute}, not below the Required Insert Count ${requiredInsertCount}`);
  const entry = table.get(absolute);
  if (!entry) throw new QpackDecodeError(`${what} references absolute index ${absolute}, which was evicted`);
  return entry;
}

/** Reads one field line representation (RFC 9204 §4.5.2 to §4.5.6). */
function readFieldLine(section: SectionContext): QpackField {
  const { cursor, base } = section;
  const first = cursor.bytes[cursor.pos]!;
  const value = (): string => need(readStringLiteral(cursor, 7), 'a field value');
  if (first & 0x80) {
    const index = need(readPrefixInteger(cursor, 6), 'an Indexed Field Line');
    if (first & 0x40) {
      const [name, v] = staticEntry(index, 'Indexed Field Line');
      return { name, value: v, representation: 'indexed-static', neverIndexed: false, index };
    }
    const absolute = base - 1 - index;
    const [name, v] = dynamicEntry(section, absolute, 'Indexed Field Line');
    return { name, value: v, representation: 'indexed-dynamic', neverIndexed: false, index: absolute };
  }
  if (first & 0x40) {
    const neverIndexed = (first & 0x20) !== 0;
    const index = need(readPrefixInteger(cursor, 4), 'a Literal Field Line With Name Reference');
    if (first & 0x10) {
      const [name] = staticEntry(index, 'Literal Field Line With Name Reference');
      return { name, value: value(), representation: 'literal-static-name', neverIndexed, index };
    }
    const absolute = base - 1 - index;
    const [name] = dynamicEntry(section, absolute, 'Literal Field Line With Name Reference');
    return { name, value: value(), representation: 'literal-dynamic-name', neverIndexed, index: absolute };
  }
  if (first & 0x20) {
    const neverIndexed = (first & 0x10) !== 0;
    const name = need(readStringLiteral(cursor, 3), 'a literal field name');
    return { name, value: value(), representation: 'literal', neverIndexed };
  }
  if (first & 0x10) {
    const absolute = base + need(readPrefixInteger(cursor, 4), 'an Indexed Field Line With Post-Base Index');
    const [name, v] = dynamicEntry(section, absolute, 'Indexed Field Line With Post-Base Index');
    return { name, value: v, representation: 'indexed-post-base', neverIndexed: false, index: absolute };
  }
  const neverIndexed = (first & 0x08) !== 0;
  const absolute = base + need(readPrefixInteger(cursor, 3), 'a Literal Field Line With Post-Base Name Reference');
  const [name] = dynamicEntry(section, absolute, 'Literal Field Line With Post-Base Name Reference');
  return { name, value: value(), representation: 'literal-post-base-name', neverIndexed, index: absolute };
}
