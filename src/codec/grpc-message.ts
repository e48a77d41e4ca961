// gRPC's length-prefixed messages (PROTOCOL-HTTP2.md, "Length-Prefixed-Message"): a compressed flag byte, a
// 4-byte big-endian length, the bytes. Pure; `qurl grpc` and qurl serve's gRPC service frame with it.

/** A message the reader cannot accept: over the size bound, a bad flag, or cut off at the end of the stream. */
export class GrpcFrameError extends Error {
  override readonly name = 'GrpcFrameError';
  constructor(readonly reason: 'too-large' | 'bad-flag' | 'truncated', message: string) {
    super(message);
  }
}

export interface GrpcMessage {
  readonly compressed: boolean;
  readonly payload: Uint8Array;
}

const PREFIX = 5;

export function encodeGrpcMessage(payload: Uint8Array, compressed = false): Uint8Array {
  const out = new Uint8Array(PREFIX + payload.length);
  out[0] = compressed ? 1 : 0;
  new DataView(out.buffer).setUint32(1, payload.length);
  out.set(payload, PREFIX);
  return out;
}

export interface GrpcMessageReader {
  /** Feeds bytes as they arrive; returns the messages they completed. Throws GrpcFrameError. */
  push(bytes: Uint8Array): GrpcMessage[];
  /** The stream ended: throws GrpcFrameError when it ended inside a message. */
  end(): void;
  /** Bytes held back, waiting for the rest of a message. */
  pending(): number;
}

/**
 * Splits a stream into messages; one declared over `maxMessageBytes` is refused as soon as its prefix
 * arrives (never buffered). Pieces are kept as they come and joined once per message, so big messages in
 * small pieces cost linear time.
 */
export function createGrpcMessageReader(options: { readonly maxMessageBytes: number }): GrpcMessageReader {
  let pieces: Uint8Array[] = [];
  let first = 0;
  let held = 0;
  let head: { compressed: boolean; length: number } | null = null;

  const compact = (): void => {
    if (first === pieces.length || first > 1024) {
      pieces = pieces.slice(first);
      first = 0;
    }
  };

  /** The next n held bytes: a view when one piece holds them all (the common case), else joined. */
  const take = (n: number): Uint8Array => {
    if (n === 0) return new Uint8Array(0);
    held -= n;
    const p = pieces[first]!;
    if (p.length >= n) {
      if (p.length === n) first++;
      else pieces[first] = p.subarray(n);
      compact();
      return p.subarray(0, n);
    }
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const piece = pieces[first]!;
      const want = Math.min(n - at, piece.length);
      out.set(piece.subarray(0, want), at);
      at += want;
      if (want === piece.length) first++;
      else pieces[first] = piece.subarray(want);
    }
    compact();
    return out;
  };

  return {
    pending: () => held,
    push(bytes) {
      if (bytes.length > 0) {
        pieces.push(Uint8Array.from(bytes));
        held += bytes.length;
      }
      const out: GrpcMessage[] = [];
      for (;;) {
        if (!head) {
          if (held < PREFIX) return out;
          const prefix = take(PREFIX);
          const flag = prefix[0]!;
          if (flag > 1) throw new GrpcFrameError('bad-flag', `a message with compressed flag ${flag} (only 0 and 1 exist)`);
          const length = ((prefix[1]! << 24) >>> 0) + (prefix[2]! << 16) + (prefix[3]! << 8) + prefix[4]!;
          if (length > options.maxMessageBytes) throw new GrpcFrameError('too-large', `a message of ${length} bytes is over the limit of ${options.maxMessageBytes} (--max-msg-sz)`);
          head = { compressed: flag === 1, length };
        }
        if (held < head.length) return out;
        out.push({ compressed: head.compressed, payload: take(head.length) });
        head = null;
      }
    },
    end() {
      if (head) throw new GrpcFrameError('truncated', `the stream ended ${held} bytes into a message of ${head.length}`);
      if (held > 0) throw new GrpcFrameError('truncated', `the stream ended ${held} bytes into a message prefix`);
      pieces = [];
      first = 0;
    },
  };
}
