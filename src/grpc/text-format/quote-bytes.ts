// String and bytes literals as grpcurl writes them (jhump/protoreflect's writeString, golang/protobuf's
// writeQuotedString): byte by byte, \n \r \t \" \\ escaped, printable ASCII as is, every other byte as \ooo octal,
// so non-ASCII UTF-8 in string fields comes out octal too. Also Go's %q, which golang/protobuf uses for unknown bytes.

const ENCODER = new TextEncoder();

const NAMED: Readonly<Record<number, string>> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x22: '\\"', 0x5c: '\\\\' };

/** A double-quoted literal of `bytes` in grpcurl's escaping. */
export function quoteBytes(bytes: Uint8Array): string {
  let out = '"';
  for (const byte of bytes) {
    const named = NAMED[byte];
    if (named !== undefined) out += named;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}

/** Printable ASCII other than " and \\, which needs no escaping (the common case, done without encoding). */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A string field's value: its UTF-8 bytes, quoted as above. */
export function quoteString(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : quoteBytes(ENCODER.encode(text));
}

const GO_NAMED: Readonly<Record<number, string>> = {
  0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v', 0x22: '\\"', 0x5c: '\\\\',
};

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/**
 * Go's fmt %q of a byte string (strconv.Quote): valid printable UTF-8 as is, \a…\v named escapes, other bytes as
 * \xHH and other code points as \uHHHH or \UHHHHHHHH. Go's printability table is approximated by Unicode categories.
 */
export function goQuote(bytes: Uint8Array): string {
  let out = '"';
  let i = 0;
  while (i < bytes.length) {
    const { codePoint, size } = decodeRune(bytes, i);
    const byte = bytes[i]!;
    if (codePoint === undefined) out += `\\x${hex(byte, 2)}`;
    else if (GO_NAMED[codePoint] !== undefined) out += GO_NAMED[codePoint];
    else if (PRINTABLE.test(String.fromCodePoint(codePoint))) out += String.fromCodePoint(codePoint);
    else if (codePoint < 0x80) out += `\\x${hex(codePoint, 2)}`;
    else if (codePoint < 0x10000) out += `\\u${hex(codePoint, 4)}`;
    else out += `\\U${hex(codePoint, 8)}`;
    i += size;
  }
  return `${out}"`;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** One UTF-8 sequence at `at`: its code point, or undefined (and size 1) when the bytes there are not valid UTF-8. */
function decodeRune(bytes: Uint8Array, at: number): { codePoint: number | undefined; size: number } {
  const first = bytes[at]!;
  if (first < 0x80) return { codePoint: first, size: 1 };
  const size = first >= 0xf0 && first <= 0xf4 ? 4 : first >= 0xe0 ? 3 : first >= 0xc2 && first < 0xe0 ? 2 : 0;
  if (size === 0 || at + size > bytes.length) return { codePoint: undefined, size: 1 };
  let codePoint = first & (0xff >> (size + 1));
  for (let k = 1; k < size; k++) {
    const next = bytes[at + k]!;
    if ((next & 0xc0) !== 0x80) return { codePoint: undefined, size: 1 };
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  const minimum = [0, 0, 0x80, 0x800, 0x10000][size]!;
  if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return { codePoint: undefined, size: 1 };
  return { codePoint, size };
}
