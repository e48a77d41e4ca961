// QPACK field section encoder (RFC 9204 §4.5) that uses the static table only, so it never blocks a stream
// and needs no encoder stream. Used by the HTTP/3 client for request HEADERS.
import { writePrefixInteger, writeStringLiteral } from './qpack-primitives.js';
import { QPACK_STATIC_TABLE } from './qpack-static-table.js';

const exactIndex = new Map<string, number>();
const nameIndex = new Map<string, number>();
QPACK_STATIC_TABLE.forEach(([name, value], index) => {
  if (!exactIndex.has(`${name}\0${value}`)) exactIndex.set(`${name}\0${value}`, index);
  if (!nameIndex.has(name)) nameIndex.set(name, index);
});

/** Encodes fields in order; names must already be lower-case, values are latin1 (one byte per char). */
export function encodeFieldSection(fields: readonly (readonly [string, string])[]): Uint8Array {
  // Required Insert Count 0 and Base 0 (RFC 9204 §4.5.1): no dynamic table references.
  const out: number[] = [0x00, 0x00];
  for (const [name, value] of fields) {
    const exact = exactIndex.get(`${name}\0${value}`);
    const named = nameIndex.get(name);
    if (exact !== undefined) {
      writePrefixInteger(out, exact, 6, 0xc0); // §4.5.2 Indexed Field Line, T=1
    } else if (named !== undefined) {
      writePrefixInteger(out, named, 4, 0x50); // §4.5.4 Literal Field Line With Name Reference, N=0, T=1
      writeStringLiteral(out, value, 7, 0x00);
    } else {
      writeStringLiteral(out, name, 3, 0x20); // §4.5.6 Literal Field Line With Literal Name, N=0
      writeStringLiteral(out, value, 7, 0x00);
    }
  }
  return Uint8Array.from(out);
}
