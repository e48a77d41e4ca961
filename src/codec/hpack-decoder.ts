// HPACK decoder (RFC 7541): header blocks → fields, with the dynamic table and Huffman strings.
// Pure; the HTTP/2 frame trace keeps one per direction of a connection.
import { latin1 } from './latin1.js';
import { huffmanDecode, HuffmanDecodeError } from './huffman.js';
import { HPACK_STATIC_TABLE } from './hpack-static-table.js';

export class HpackDecodeError extends Error {
  override readonly name = 'HpackDecodeError';
}

export type HpackRepresentation = 'indexed' | 'literal-indexed' | 'literal' | 'never-indexed';

export interface HpackField {
  readonly name: string;
  readonly value: string;
  readonly representation: HpackRepresentation;
  /** The table index used for the field (indexed) or its name (literal with indexed name). */
  readonly index?: number;
}

export interface HpackBlock {
  readonly fields: readonly HpackField[];
  /** Dynamic table size updates at the start of the block (RFC 7541 §6.3), in order. */
  readonly tableSizeUpdates: readonly number[];
}

export interface HpackDecoder {
  /** Decodes one complete header block (HEADERS or PUSH_PROMISE plus CONTINUATIONs). */
  decode(block: Uint8Array): HpackBlock;
  /** The limit the decoder's side announced (SETTINGS_HEADER_TABLE_SIZE); updates above it are errors. */
  setMaxTableSize(size: number): void;
  /** Current dynamic table entries, newest first, and their size (RFC 7541 §4.1). */
  table(): { readonly entries: readonly (readonly [string, string])[]; readonly size: number; readonly maxSize: number };
}

const ENTRY_OVERHEAD = 32;

export function createHpackDecoder(maxTableSize = 4096): HpackDecoder {
  let limit = maxTableSize;
  let maxSize = maxTableSize;
  const entries: [string, string][] = [];
  let size = 0;

  const evict = (): void => {
    while (size > maxSize && entries.length > 0) {
      const [n, v] = entries.pop()!;
      size -= n.length + v.length + ENTRY_OVERHEAD;
    }
  };
  const insert = (name: string, value: string): void => {
    entries.unshift([name, value]);
    size += name.length + value.length + ENTRY_OVERHEAD;
    evict();
  };
  const lookup = (index: number): readonly [string, string] => {
    if (index <= 0) throw new HpackDecodeError('index 0 is not a valid table index');
    if (index <= HPACK_STATIC_TABLE.length) return HPACK_STATIC_TABLE[index - 1]!;
    const entry = entries[index - HPACK_STATIC_TABLE.length - 1];
    if (!entry) throw new HpackDecodeError(`index ${index} is beyond the dynamic table (${entries.length} entries)`);
    return entry;
  };

  return {
    setMaxTableSize(size0) {
      limit = size0;
      if (maxSize > limit) {
        maxSize = limit;
        evict();
      }
    },
    table: () => ({ entries: entries.map((e) => [e[0], e[1]] as const), size, maxSize }),
    decode(block) {
      const reader = { bytes: block, pos: 0 };
      const fields: HpackField[] = [];
      const tableSizeUpdates: number[] = [];
      while (reader.pos < block.length) {
        const first = block[reader.pos]!;
        if (first & 0x80) {
          const index = readInteger(reader, 7);
          const [name, value] = lookup(index);
          fields.push({ name, value, representation: 'indexed', index });
        } else if ((first & 0xc0) === 0x40) {
          const field = readLiteral(reader, 6, 'literal-indexed', lookup);
          insert(field.name, field.value);
          fields.push(field);
        } else if ((first & 0xe0) === 0x20) {
          if (fields.length > 0) throw new HpackDecodeError('dynamic table size update after a field (RFC 7541 §4.2)');
          const next = readInteger(reader, 5);
          if (next > limit) throw new HpackDecodeError(`dynamic table size update to ${next} exceeds the limit ${limit}`);
          maxSize = next;
          evict();
          tableSizeUpdates.push(next);
        } else {
          fields.push(readLiteral(reader, 4, first & 0x10 ? 'never-indexed' : 'literal', lookup));
        }
      }
      return { fields, tableSizeUpdates };
    },
  };
}

interface Reader {
  readonly bytes: Uint8Array;
  pos: number;
}

/** Five continuation bytes carry 35 bits, past the 2^32 limit; more can only be 0x80 padding (RFC 7541 §5.1). */
const MAX_CONTINUATION_BYTES = 5;

/** RFC 7541 §5.1 prefixed integer. */
export function readInteger(reader: Reader, prefixBits: number): number {
  if (reader.pos >= reader.bytes.length) throw new HpackDecodeError('header block ends inside an integer');
  const max = (1 << prefixBits) - 1;
  let value = reader.bytes[reader.pos++]! & max;
  if (value < max) return value;
  // Without the byte limit, a run of 0x80 bytes pushes 2 ** shift to Infinity and 0 * Infinity makes the value NaN.
  for (let count = 1; ; count++) {
    if (reader.pos >= reader.bytes.length) throw new HpackDecodeError('header block ends inside an integer');
    if (count > MAX_CONTINUATION_BYTES) throw new HpackDecodeError(`integer has more than ${MAX_CONTINUATION_BYTES} continuation bytes`);
    const b = reader.bytes[reader.pos++]!;
    value += (b & 0x7f) * 2 ** (7 * (count - 1));
    if (value > 2 ** 32) throw new HpackDecodeError('integer too large');
    if ((b & 0x80) === 0) return value;
  }
}

function readString(reader: Reader): string {
  if (reader.pos >= reader.bytes.length) throw new HpackDecodeError('header block ends before a string');
  const huffman = (reader.bytes[reader.pos]! & 0x80) !== 0;
  const length = readInteger(reader, 7);
  if (reader.pos + length > reader.bytes.length) throw new HpackDecodeError(`string of ${length} bytes runs past the header block`);
  const raw = reader.bytes.subarray(reader.pos, reader.pos + length);
  reader.pos += length;
  if (!huffman) return latin1(raw);
  try {
    return latin1(huffmanDecode(raw));
  } catch (err) {
    if (err instanceof HuffmanDecodeError) throw new HpackDecodeError(err.message);
    throw err;
  }
}

function readLiteral(reader: Reader, prefixBits: number, representation: HpackRepresentation, lookup: (i: number) => readonly [string, string]): HpackField {
  const index = readInteger(reader, prefixBits);
  const name = index === 0 ? readString(reader) : lookup(index)[0];
  const value = readString(reader);
  return index === 0 ? { name, value, representation } : { name, value, representation, index };
}
