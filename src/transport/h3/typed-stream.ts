// A unidirectional HTTP/3 stream starts with its type (RFC 9114 §6.2): read that varint, then hand the
// rest of the stream to the reader made for the type.
import { readVarint } from '../../codec/index.js';
import type { StreamReader } from '../connect/index.js';

export function typedStream(pick: (type: number) => StreamReader): StreamReader {
  let prefix: Uint8Array = new Uint8Array(0);
  let inner: StreamReader | null = null;
  return {
    onData(chunk, fin) {
      if (inner) return inner.onData(chunk, fin);
      prefix = Buffer.concat([prefix, chunk]);
      const type = readVarint(prefix, 0);
      if (!type) return;
      inner = pick(type.value);
      inner.onData(prefix.subarray(type.length), fin);
    },
    onError(message, code) {
      inner?.onError(message, code);
    },
  };
}
