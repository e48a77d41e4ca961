// Bytes as a string, one char per byte (ISO-8859-1), the way qurl reads header fields everywhere. Not
// TextDecoder('latin1'): WHATWG maps that label to windows-1252, and Node 22+ follows it (0x80 becomes '€').
export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
