// A Duplex between the connection chain's socket and node:http2 that reports the cleartext bytes both ways.
// node:http2 reads a net.Socket in C++, out of JavaScript's sight, so a trace needs this stand-in; it is only
// put in place when a trace is asked for (node:http2 then drives it through its JS stream wrapper).
import { Duplex } from 'node:stream';

export type ByteObserver = (direction: 'send' | 'recv', bytes: Uint8Array) => void;

export function tapStream(socket: Duplex, observe: ByteObserver): Duplex {
  const tapped: Duplex = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _enc, cb) {
      observe('send', chunk);
      socket.write(chunk, cb);
    },
    // node:http2 hands over a batch of frames at once: one write to the socket (one TLS record, one syscall).
    writev(chunks, cb) {
      for (const { chunk } of chunks) observe('send', chunk as Buffer);
      socket.write(chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk as Buffer)), cb);
    },
    final(cb) {
      socket.end(cb);
    },
    destroy(err, cb) {
      socket.destroy(err ?? undefined);
      cb(err);
    },
  });
  socket.on('data', (chunk: Buffer) => {
    observe('recv', chunk);
    if (!tapped.push(chunk)) socket.pause();
  });
  socket.on('end', () => tapped.push(null));
  socket.on('error', (err) => tapped.destroy(err));
  socket.on('close', () => tapped.destroy());
  return tapped;
}
