// Server-Sent Events parser: the WHATWG event-stream rules (HTML §9.2.6), pure, incremental and linear; used by
// src/sse. Bytes in any chunking → the same items; an event without its blank line at end of stream is dropped.

export interface SseEvent {
  readonly kind: 'event';
  /** The event type; 'message' when the block names none. */
  readonly event: string;
  readonly data: string;
  /** The last event ID after this block (persists across events until changed). */
  readonly id: string;
}

export type SseItem =
  | SseEvent
  | { readonly kind: 'retry'; readonly ms: number }
  | { readonly kind: 'comment'; readonly text: string }
  /** The event being read passed maxEventSize bytes; always the last item: the parser ignores the rest. */
  | { readonly kind: 'too-large'; readonly limit: number };

export interface SseParser {
  /** Feeds bytes as they arrive; returns what they completed. The parser keeps no reference to `bytes`. */
  push(bytes: Uint8Array): SseItem[];
  /** The stream ended: an unfinished line or event is discarded (so this returns no events). */
  end(): SseItem[];
  /** The last event ID seen so far (for Last-Event-ID on reconnect). */
  lastEventId(): string;
}

/** What one event may hold unless the caller says otherwise (qurl sse passes --max-event-size): its data lines plus the line being read. */
export const DEFAULT_MAX_EVENT_SIZE = 4 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const NUL = 0x00;
const BOM = [0xef, 0xbb, 0xbf] as const;
const EMPTY = new Uint8Array(0);

/** Splits bytes into lines at CR, LF or CRLF, holding an unfinished line as copied parts joined once at its end. */
interface LineSplitter {
  /** Calls `line` per complete line until it returns false; returns the unfinished line's length so far. */
  push(bytes: Uint8Array, line: (bytes: Uint8Array) => boolean): number;
  clear(): void;
}

function createLineSplitter(): LineSplitter {
  let parts: Uint8Array[] = [];
  let pendingLength = 0;
  let afterCr = false;
  const take = (tail: Uint8Array): Uint8Array => {
    if (parts.length === 0) return tail;
    parts.push(tail);
    const joined = new Uint8Array(pendingLength + tail.length);
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    parts = [];
    pendingLength = 0;
    return joined;
  };
  return {
    push(bytes, line) {
      let from = afterCr && bytes[0] === LF ? 1 : 0;
      if (bytes.length > 0) afterCr = false;
      // Each search starts where the last one stopped, so no byte is looked at twice (a 100 MB line stays linear).
      let nextLf = -2;
      let nextCr = -2;
      for (;;) {
        if (nextLf !== -1 && nextLf < from) nextLf = bytes.indexOf(LF, from);
        if (nextCr !== -1 && nextCr < from) nextCr = bytes.indexOf(CR, from);
        const end = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
        if (end === -1) break;
        if (!line(take(bytes.subarray(from, end)))) return 0;
        from = end + 1;
        if (bytes[end] === CR) {
          if (from === bytes.length) afterCr = true;
          else if (bytes[from] === LF) from++;
        }
      }
      if (from < bytes.length) {
        parts.push(new Uint8Array(bytes.subarray(from)));
        pendingLength += bytes.length - from;
      }
      return pendingLength;
    },
    clear() {
      parts = [];
      pendingLength = 0;
    },
  };
}

/** A field name as text when it could be one of the four the spec knows (all ASCII, at most 5 bytes). */
const shortName = (bytes: Uint8Array): string => (bytes.length <= 5 ? String.fromCharCode(...bytes) : '');

export function createSseParser(initialLastEventId = '', maxEventSize = DEFAULT_MAX_EVENT_SIZE): SseParser {
  // Lines are decoded one by one; LF and CR never occur inside a UTF-8 sequence, so this decodes as the whole
  // stream would. ignoreBOM: a BOM is dropped only at the very start of the stream, below.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const text = (bytes: Uint8Array): string => (bytes.length === 0 ? '' : decoder.decode(bytes));
  const lines = createLineSplitter();
  /** The stream's first bytes, held until they are known to be or not to be a BOM; null once past. */
  let start: Uint8Array | null = EMPTY;
  let tooLarge = false;
  let data: string[] = [];
  /** Bytes of this event's data lines so far (line ends not counted). */
  let dataSize = 0;
  let eventType = '';
  let lastId = initialLastEventId;

  const resetEvent = (): void => {
    data = [];
    dataSize = 0;
    eventType = '';
  };

  const field = (name: string, value: Uint8Array, out: SseItem[]): void => {
    switch (name) {
      case 'event':
        eventType = text(value);
        return;
      case 'data':
        data.push(text(value));
        return;
      case 'id':
        if (!value.includes(NUL)) lastId = text(value);
        return;
      case 'retry':
        if (value.length > 0 && value.every((b) => b >= 0x30 && b <= 0x39)) out.push({ kind: 'retry', ms: Number(text(value)) });
        return;
      default:
    }
  };

  const fail = (out: SseItem[]): false => {
    tooLarge = true;
    lines.clear();
    resetEvent();
    out.push({ kind: 'too-large', limit: maxEventSize });
    return false;
  };

  const line = (bytes: Uint8Array, out: SseItem[]): boolean => {
    if (bytes.length === 0) {
      if (data.length > 0) out.push({ kind: 'event', event: eventType || 'message', data: data.join('\n'), id: lastId });
      resetEvent();
      return true;
    }
    if (dataSize + bytes.length > maxEventSize) return fail(out);
    if (bytes[0] === COLON) {
      out.push({ kind: 'comment', text: text(bytes.subarray(bytes[1] === SPACE ? 2 : 1)) });
      return true;
    }
    const colon = bytes.indexOf(COLON);
    const name = shortName(colon < 0 ? bytes : bytes.subarray(0, colon));
    let value = colon < 0 ? EMPTY : bytes.subarray(colon + 1);
    if (value[0] === SPACE) value = value.subarray(1);
    if (name === 'data') dataSize += bytes.length;
    field(name, value, out);
    return true;
  };

  /** The first bytes without a leading BOM, or null while they might still be one. */
  const skipBom = (bytes: Uint8Array): Uint8Array | null => {
    if (start === null) return bytes;
    const head = new Uint8Array(start.length + bytes.length);
    head.set(start);
    head.set(bytes, start.length);
    const isBomSoFar = head.subarray(0, BOM.length).every((b, i) => b === BOM[i]);
    if (isBomSoFar && head.length < BOM.length) {
      start = head;
      return null;
    }
    start = null;
    return isBomSoFar ? head.subarray(BOM.length) : head;
  };

  return {
    push(bytes) {
      const out: SseItem[] = [];
      if (tooLarge) return out;
      const rest = skipBom(bytes);
      if (rest === null) return out;
      const pending = lines.push(rest, (b) => line(b, out));
      if (!tooLarge && dataSize + pending > maxEventSize) fail(out);
      return out;
    },
    end() {
      start = null;
      lines.clear();
      resetEvent();
      return [];
    },
    lastEventId: () => lastId,
  };
}
