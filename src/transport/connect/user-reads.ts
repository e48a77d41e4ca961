// Socket reads into buffers the protocol hands out (node:net's `onread`): HTTP/1.1 over plain TCP can then read a
// body into one reused buffer while its consumer writes each chunk before the next read, instead of a fresh
// 64 KiB buffer per read that only the garbage collector frees (Node 24 peaks at ~140 MB on a 1 GiB download).
import type { OnReadOpts } from 'node:net';

export interface SocketReader {
  /** Where the next read goes. */
  buffer(): Buffer;
  /** One read's bytes, a view into the buffer buffer() gave; false pauses the socket until resume(). */
  deliver(chunk: Buffer): boolean;
}

export interface UserReads {
  /** The protocol on the socket takes its reads from now on. */
  attach(reader: SocketReader): void;
}

/** Node reads 64 KiB at a time into buffers of its own; one buffer this size takes a loopback read whole. */
export const USER_READ_SIZE = 256 * 1024;

/** The `onread` option for net.connect and the hook the protocol attaches to; bytes before attach() are kept. */
export function createUserReads(): { readonly reads: UserReads; readonly onread: OnReadOpts } {
  let reader: SocketReader | null = null;
  const early: Buffer[] = [];
  return {
    reads: {
      attach(r) {
        reader = r;
        for (const chunk of early.splice(0)) r.deliver(chunk);
      },
    },
    onread: {
      buffer: () => reader?.buffer() ?? Buffer.allocUnsafe(USER_READ_SIZE),
      callback(n, buf) {
        const chunk = (buf as Buffer).subarray(0, n);
        if (reader) return reader.deliver(chunk);
        // Before attach() the buffers are fresh ones (above): the chunk can be kept as it is.
        early.push(chunk);
        return true;
      },
    },
  };
}
