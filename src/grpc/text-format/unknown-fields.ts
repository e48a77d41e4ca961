// Unknown fields (bufbuild keeps them raw in `$unknown`) decoded for printing: numbers as unsigned decimal text,
// length-delimited values as bytes, groups as their nested fields. Used by both printers.
import type { UnknownField } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';

export type UnknownValue =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'group'; readonly fields: readonly UnknownEntry[] };

export interface UnknownEntry {
  readonly number: number;
  readonly value: UnknownValue;
}

/** One unknown field as a printable entry; undefined when its bytes do not decode (bufbuild checked them already). */
export function decodeUnknown(field: UnknownField): UnknownEntry | undefined {
  try {
    const reader = new BinaryReader(field.data);
    return { number: field.no, value: readValue(reader, field.wireType) };
  } catch {
    return undefined;
  }
}

/** The field's size on the wire, its tag included: golang/protobuf's "/* N unknown bytes *\/" counts these. */
export function unknownSize(field: UnknownField): number {
  let tag = (field.no << 3) | field.wireType;
  let size = 1;
  while (tag >= 0x80) {
    tag = Math.floor(tag / 0x80);
    size++;
  }
  return size + field.data.length;
}

function readValue(reader: BinaryReader, wireType: WireType): UnknownValue {
  switch (wireType) {
    case WireType.Varint:
      return { kind: 'number', text: reader.uint64().toString() };
    case WireType.Bit32:
      return { kind: 'number', text: String(reader.fixed32()) };
    case WireType.Bit64:
      return { kind: 'number', text: reader.fixed64().toString() };
    case WireType.LengthDelimited:
      return { kind: 'bytes', bytes: reader.bytes() };
    case WireType.StartGroup:
      return { kind: 'group', fields: readGroup(reader) };
    case WireType.EndGroup:
      throw new Error('an end-group tag without its start');
  }
}

function readGroup(reader: BinaryReader): UnknownEntry[] {
  const fields: UnknownEntry[] = [];
  for (;;) {
    const [number, wireType] = reader.tag();
    if (wireType === WireType.EndGroup) return fields;
    fields.push({ number, value: readValue(reader, wireType) });
  }
}
