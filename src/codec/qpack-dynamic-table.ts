// The QPACK decoder's dynamic table (RFC 9204 §3.2): entries by absolute index, capacity and eviction.
// Internal to the QPACK decoder.
import { QpackDecodeError } from './qpack-decode-error.js';

/** RFC 9204 §3.2.1: each entry costs its name and value length plus 32. */
export const QPACK_ENTRY_OVERHEAD = 32;

export interface QpackDynamicTable {
  /** Total inserts so far; the next entry gets this absolute index. */
  readonly insertCount: number;
  readonly size: number;
  readonly capacity: number;
  /** Entries newest first. */
  readonly entries: readonly (readonly [string, string])[];
  /** The entry with this absolute index, or undefined if it was evicted or not inserted yet. */
  get(absoluteIndex: number): readonly [string, string] | undefined;
  /** Adds an entry, evicting the oldest ones; an entry larger than the capacity is an error (RFC 9204 §3.2.2). */
  insert(name: string, value: string): number;
  /** Sets the capacity, evicting until the table fits; the caller checks it against the announced maximum. */
  setCapacity(capacity: number): void;
}

const entrySize = ([name, value]: readonly [string, string]): number => name.length + value.length + QPACK_ENTRY_OVERHEAD;

export function createQpackDynamicTable(): QpackDynamicTable {
  const entries: [string, string][] = [];
  let insertCount = 0;
  let size = 0;
  let capacity = 0;

  const evictTo = (limit: number): void => {
    while (size > limit) size -= entrySize(entries.pop()!);
  };

  return {
    get insertCount() {
      return insertCount;
    },
    get size() {
      return size;
    },
    get capacity() {
      return capacity;
    },
    get entries() {
      return entries.map((e) => [e[0], e[1]] as const);
    },
    get(absoluteIndex) {
      if (!Number.isInteger(absoluteIndex) || absoluteIndex < 0 || absoluteIndex >= insertCount) return undefined;
      return entries[insertCount - 1 - absoluteIndex];
    },
    insert(name, value) {
      const needed = entrySize([name, value]);
      if (needed > capacity) throw new QpackDecodeError(`entry ${name} of ${needed} bytes is larger than the dynamic table capacity ${capacity}`);
      evictTo(capacity - needed);
      entries.unshift([name, value]);
      size += needed;
      return insertCount++;
    },
    setCapacity(next) {
      capacity = next;
      evictTo(capacity);
    },
  };
}
