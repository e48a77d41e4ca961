// The protobuf wire format at its simplest (protobuf.dev/programming-guides/encoding): varints and
// length-delimited fields, for the few fixed messages qurl speaks without a schema (gRPC server reflection).

export class ProtobufWireError extends Error {
  override readonly name = 'ProtobufWireError';
}

export type WireField =
  | { readonly number: number; readonly kind: 'varint'; readonly value: bigint }
  | { readonly number: number; readonly kind: 'bytes'; readonly value: Uint8Array }
  | { readonly number: number; readonly kind: 'fixed'; readonly size: 4 | 8 };

function readVarint(bytes: Uint8Array, at: number): { value: bigint; next: number } {
  let value = 0n;
  for (let shift = 0n, i = at; i < bytes.length && shift < 70n; i++, shift += 7n) {
    const b = bytes[i]!;
    value |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return { value, next: i + 1 };
  }
  throw new ProtobufWireError(`a varint at byte ${at} does not end`);
}

/** Every field of a message, in order; throws ProtobufWireError for bytes that are not a message. */
export function readWireFields(bytes: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let at = 0;
  while (at < bytes.length) {
    const key = readVarint(bytes, at);
    const number = Number(key.value >> 3n);
    const type = Number(key.value & 7n);
    at = key.next;
    if (number < 1) throw new ProtobufWireError(`field number ${number} at byte ${at}`);
    if (type === 0) {
      const v = readVarint(bytes, at);
      fields.push({ number, kind: 'varint', value: v.value });
      at = v.next;
    } else if (type === 2) {
      const len = readVarint(bytes, at);
      const end = len.next + Number(len.value);
      if (len.value > BigInt(bytes.length) || end > bytes.length) throw new ProtobufWireError(`field ${number} claims ${len.value} bytes, past the end`);
      fields.push({ number, kind: 'bytes', value: bytes.subarray(len.next, end) });
      at = end;
    } else if (type === 1 || type === 5) {
      const size = type === 1 ? 8 : 4;
      if (at + size > bytes.length) throw new ProtobufWireError(`field ${number} ends early`);
      fields.push({ number, kind: 'fixed', size });
      at += size;
    } else {
      throw new ProtobufWireError(`wire type ${type} (field ${number}) is not one qurl reads here`);
    }
  }
  return fields;
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/** A length-delimited field (strings, bytes, embedded messages). */
export function wireBytesField(number: number, value: Uint8Array | string): Uint8Array {
  const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  const head = [...varint((number << 3) | 2), ...varint(bytes.length)];
  const out = new Uint8Array(head.length + bytes.length);
  out.set(head);
  out.set(bytes, head.length);
  return out;
}

/** A varint field (ints, enums, bools); non-negative values only, which is all qurl writes. */
export function wireVarintField(number: number, value: number): Uint8Array {
  return Uint8Array.from([...varint(number << 3), ...varint(value)]);
}
