// Size-delimited protobuf messages (a varint length, then the message), the stream format of protobuf's
// writeDelimitedTo / parseDelimitedFrom: how `qurl grpc --format-in/out binary` carries more than one message.

export class SizeDelimitedError extends Error {
  override readonly name = 'SizeDelimitedError';
}

export function encodeSizeDelimited(message: Uint8Array): Uint8Array {
  const head: number[] = [];
  let n = message.length;
  while (n >= 0x80) {
    head.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  head.push(n);
  const out = new Uint8Array(head.length + message.length);
  out.set(head);
  out.set(message, head.length);
  return out;
}

export interface SizeDelimitedReader {
  /** The messages completed by this chunk. */
  push(chunk: Uint8Array): Uint8Array[];
  /** Throws SizeDelimitedError when the input stopped inside a message. */
  end(): void;
}

/** `maxBytes` bounds one message, so a corrupt length cannot make the reader buffer without end. */
export function createSizeDelimitedReader(maxBytes: number): SizeDelimitedReader {
  let buffered = new Uint8Array(0);
  return {
    push(chunk) {
      const all = new Uint8Array(buffered.length + chunk.length);
      all.set(buffered);
      all.set(chunk, buffered.length);
      const out: Uint8Array[] = [];
      let at = 0;
      for (;;) {
        let length = 0;
        let shift = 1;
        let i = at;
        for (; i < all.length && i - at < 5; i++) {
          length += (all[i]! & 0x7f) * shift;
          shift *= 128;
          if (all[i]! < 0x80) break;
        }
        if (i - at >= 5) throw new SizeDelimitedError(`a message length at byte ${at} is not a varint of at most 5 bytes`);
        if (i >= all.length) break;
        if (length > maxBytes) throw new SizeDelimitedError(`a message of ${length} bytes is over the limit of ${maxBytes}`);
        if (i + 1 + length > all.length) break;
        out.push(all.subarray(i + 1, i + 1 + length));
        at = i + 1 + length;
      }
      buffered = all.slice(at);
      return out;
    },
    end() {
      if (buffered.length > 0) throw new SizeDelimitedError(`the input ends inside a message (${buffered.length} bytes left over)`);
    },
  };
}
