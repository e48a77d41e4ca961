// QUIC variable-length integers (RFC 9000 §16): the length field of HTTP/3 frames, settings and stream types.
// Pure; used by the HTTP/3 frame codec.

const MAX_ONE_BYTE = 2 ** 6;
const MAX_TWO_BYTES = 2 ** 14;
const MAX_FOUR_BYTES = 2 ** 30;
const TWO_POW_32 = 2 ** 32;

/** Encodes in the shortest form. Throws RangeError for negative, fractional or unsafe (above 2^53-1) values. */
export function encodeVarint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${value} is not a QUIC varint this encoder can write (0..2^53-1)`);
  if (value < MAX_ONE_BYTE) return Uint8Array.of(value);
  if (value < MAX_TWO_BYTES) return Uint8Array.of(0x40 | (value >> 8), value & 0xff);
  if (value < MAX_FOUR_BYTES) return Uint8Array.of(0x80 | (value >>> 24), (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  const high = Math.floor(value / TWO_POW_32);
  const low = value >>> 0;
  return Uint8Array.of(
    0xc0 | (high >>> 24), (high >>> 16) & 0xff, (high >>> 8) & 0xff, high & 0xff,
    low >>> 24, (low >>> 16) & 0xff, (low >>> 8) & 0xff, low & 0xff,
  );
}

/**
 * Reads the varint at `offset`; undefined when `bytes` ends before it does.
 * Values above 2^53 (only the 8-byte form reaches them) come back as the nearest number, not exactly.
 */
export function readVarint(bytes: Uint8Array, offset: number): { value: number; length: number } | undefined {
  if (offset >= bytes.length) return undefined;
  const first = bytes[offset]!;
  const length = 1 << (first >> 6);
  if (offset + length > bytes.length) return undefined;
  let value = first & 0x3f;
  if (length === 8) {
    const high = ((value << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
    const low = ((bytes[offset + 4]! << 24) | (bytes[offset + 5]! << 16) | (bytes[offset + 6]! << 8) | bytes[offset + 7]!) >>> 0;
    return { value: high * TWO_POW_32 + low, length };
  }
  for (let i = 1; i < length; i++) value = value * 256 + bytes[offset + i]!;
  return { value, length };
}
