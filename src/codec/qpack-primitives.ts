// QPACK prefixed integers and string literals (RFC 9204 §4.1.1, §4.1.2, same as RFC 7541 §5.1, §5.2 but with
// any prefix width), read and written. Shared by the QPACK encoder and decoder.
import { latin1 } from './latin1.js';
import { huffmanDecode, huffmanEncode, HuffmanDecodeError } from './huffman.js';
import { QpackDecodeError } from './qpack-decode-error.js';

export interface QpackCursor {
  readonly bytes: Uint8Array;
  pos: number;
}

/** 8 continuation bytes carry 56 bits: enough for any safe integer, and a bound on runs of 0x80. */
const MAX_CONTINUATION_SHIFT = 56;

/** Reads an integer whose first byte keeps its low `prefixBits` bits; undefined when the bytes end first. */
export function readPrefixInteger(cursor: QpackCursor, prefixBits: number): number | undefined {
  const { bytes } = cursor;
  let pos = cursor.pos;
  if (pos >= bytes.length) return undefined;
  const max = (1 << prefixBits) - 1;
  let value = bytes[pos++]! & max;
  if (value === max) {
    for (let shift = 0; ; shift += 7) {
      if (pos >= bytes.length) return undefined;
      const b = bytes[pos++]!;
      value += (b & 0x7f) * 2 ** shift;
      if (value > Number.MAX_SAFE_INTEGER || shift >= MAX_CONTINUATION_SHIFT) throw new QpackDecodeError('integer exceeds 2^53-1');
      if ((b & 0x80) === 0) break;
    }
  }
  cursor.pos = pos;
  return value;
}

/** Huffman codes are at most 30 bits and padding under 8, so more than 4m encoded bytes decode to more than m chars. */
const MAX_HUFFMAN_BYTES_PER_CHAR = 4;

/**
 * Reads a string literal whose length has a `prefixBits`-bit prefix, the H (Huffman) flag being the bit just above it.
 * Bytes are latin1, as HPACK's decoder reads them. Undefined when the bytes end first. A declared length that cannot
 * decode to `maxChars` or fewer is a QpackDecodeError at once, so a caller that waits for more bytes never waits for it.
 */
export function readStringLiteral(cursor: QpackCursor, prefixBits: number, maxChars = Infinity): string | undefined {
  const start = cursor.pos;
  if (start >= cursor.bytes.length) return undefined;
  const isHuffman = (cursor.bytes[start]! & (1 << prefixBits)) !== 0;
  const length = readPrefixInteger(cursor, prefixBits);
  const maxLength = isHuffman ? maxChars * MAX_HUFFMAN_BYTES_PER_CHAR : maxChars;
  if (length !== undefined && length > maxLength) {
    throw new QpackDecodeError(`string of ${length} bytes is longer than the dynamic table capacity ${maxChars} allows`);
  }
  if (length === undefined || cursor.pos + length > cursor.bytes.length) {
    cursor.pos = start;
    return undefined;
  }
  const raw = cursor.bytes.subarray(cursor.pos, cursor.pos + length);
  cursor.pos += length;
  if (!isHuffman) return latin1(raw);
  try {
    return latin1(huffmanDecode(raw));
  } catch (err) {
    if (err instanceof HuffmanDecodeError) throw new QpackDecodeError(err.message);
    throw err;
  }
}

/** Appends `value` with a `prefixBits`-bit prefix, OR-ing `flags` (the bits above the prefix) into the first byte. */
export function writePrefixInteger(out: number[], value: number, prefixBits: number, flags: number): void {
  const max = (1 << prefixBits) - 1;
  if (value < max) {
    out.push(flags | value);
    return;
  }
  out.push(flags | max);
  let rest = value - max;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

/** Appends a string literal, Huffman-coded when that is shorter; each char is one latin1 byte (charCode & 0xff). */
export function writeStringLiteral(out: number[], value: string, prefixBits: number, flags: number): void {
  const raw = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) raw[i] = value.charCodeAt(i) & 0xff;
  const huffman = huffmanEncode(raw);
  const bytes = huffman.length < raw.length ? huffman : raw;
  writePrefixInteger(out, bytes.length, prefixBits, flags | (bytes === huffman ? 1 << prefixBits : 0));
  for (const b of bytes) out.push(b);
}
