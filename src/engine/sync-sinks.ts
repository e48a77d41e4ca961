// Sinks a response body may be lent to (ResponseStream.lend): their write() has taken a chunk when it returns.
import type { Writable } from 'node:stream';

const synchronousSinks = new WeakSet<Writable>();

/** Marks a sink whose write() has taken the chunk when it returns (and keeps no reference to it). */
export function writingSynchronously<T extends Writable>(sink: T): T {
  synchronousSinks.add(sink);
  return sink;
}

/** Whether a body may be lent to `out` (ResponseStream.lend): -o files, discards, and stdout when it is a file. */
export function writesSynchronously(out: Writable): boolean {
  return synchronousSinks.has(out) || out.constructor.name === 'SyncWriteStream';
}
