// -Z with several bodies for stdout: one transfer writes to stdout at a time, so no body is cut into another.
// The first to write holds stdout until its transfer is done (its -w output included); the others wait in
// memory, then (past 1 MiB each) in a temporary file, and follow in the order they started.
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

const MEMORY_PER_SLOT = 1024 * 1024;
const READ_CHUNK = 256 * 1024;

interface Slot {
  readonly id: number;
  memory: Buffer[];
  memoryBytes: number;
  /** Spilled bytes, after `memory`'s. */
  file: { fd: number; path: string; size: number } | null;
  /** Its transfer has written all it will. */
  done: boolean;
}

export interface StdoutGate {
  /** The stdout of transfer `id`. */
  slot(id: number): Writable;
  /** Transfer `id` has written all it will (its body and its -w). */
  finish(id: number): void;
  /** Resolves when every slot's bytes are on stdout. */
  idle(): Promise<void>;
}

export function createStdoutGate(out: Writable): StdoutGate {
  const slots = new Map<number, Slot>();
  const order: number[] = [];
  let active: number | null = null;
  let flushing: Promise<void> = Promise.resolve();

  const writeOut = (chunk: Uint8Array): Promise<void> =>
    new Promise((resolve, reject) => {
      if (out.write(chunk, (err) => (err ? reject(err) : undefined))) resolve();
      else out.once('drain', resolve);
    });

  const hold = (slot: Slot, chunk: Buffer): void => {
    if (!slot.file && slot.memoryBytes + chunk.length <= MEMORY_PER_SLOT) {
      slot.memory.push(chunk);
      slot.memoryBytes += chunk.length;
      return;
    }
    if (!slot.file) {
      const path = join(tmpdir(), `qurl-Z-${process.pid}-${slot.id}-${Date.now()}`);
      slot.file = { fd: openSync(path, 'w+', 0o600), path, size: 0 };
    }
    writeSync(slot.file.fd, chunk);
    slot.file.size += chunk.length;
  };

  /** Writes what `slot` has waiting; it stays the active one. */
  const drainSlot = async (slot: Slot): Promise<void> => {
    for (;;) {
      const memory = slot.memory;
      slot.memory = [];
      slot.memoryBytes = 0;
      for (const chunk of memory) await writeOut(chunk);
      const file = slot.file;
      if (!file) {
        if (slot.memory.length === 0) return;
        continue;
      }
      slot.file = null;
      const buf = Buffer.allocUnsafe(READ_CHUNK);
      for (let at = 0; at < file.size; ) {
        const n = readSync(file.fd, buf, 0, Math.min(READ_CHUNK, file.size - at), at);
        if (n <= 0) break;
        at += n;
        await writeOut(Buffer.from(buf.subarray(0, n)));
      }
      closeSync(file.fd);
      unlinkSync(file.path);
    }
  };

  const holds = (slot: Slot): boolean => slot.memory.length > 0 || slot.file !== null;

  /** Hands stdout to the first slot, in the order they started, that has bytes waiting or is done. */
  const promote = (): void => {
    if (active !== null) return;
    const next = order.map((id) => slots.get(id)).find((slot) => slot && (holds(slot) || slot.done));
    if (!next) return;
    active = next.id;
    serve(next);
  };

  /** Writes what the active `slot` holds; once it is done too, stdout goes to the next. */
  const serve = (slot: Slot): void => {
    flushing = flushing.then(() => drainSlot(slot)).then(() => {
      if (!slot.done) return;
      slots.delete(slot.id);
      active = null;
      promote();
    });
  };

  return {
    slot(id) {
      const slot: Slot = { id, memory: [], memoryBytes: 0, file: null, done: false };
      slots.set(id, slot);
      order.push(id);
      return new Writable({
        write(chunk: Buffer, _enc, cb) {
          // The first to write takes stdout; the others hold their bytes until it is done.
          if (active === null && !holds(slot)) active = id;
          if (active === id && slot.memory.length === 0 && !slot.file) {
            flushing = flushing.then(() => writeOut(chunk));
            flushing.then(() => cb(), cb);
            return;
          }
          try {
            hold(slot, chunk);
            cb();
          } catch (err) {
            cb(err as Error);
          }
        },
      });
    },
    finish(id) {
      const slot = slots.get(id);
      if (!slot) return;
      slot.done = true;
      if (active !== id) return promote();
      serve(slot);
    },
    async idle() {
      while (slots.size > 0) {
        const current = flushing;
        promote();
        await flushing;
        // Nothing moved: what is left never wrote and is not done (idle() is for the end of a run).
        if (current === flushing) return;
      }
    },
  };
}
