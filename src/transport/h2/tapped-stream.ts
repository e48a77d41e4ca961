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
