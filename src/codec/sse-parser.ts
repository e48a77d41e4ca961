// Server-Sent Events parser: the WHATWG event-stream rules (HTML §9.2.6), pure and incremental.
// Bytes in any chunking → the same events; an event without its blank line at end of stream is dropped.

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
  | { readonly kind: 'comment'; readonly text: string };

export interface SseParser {
  /** Feeds bytes as they arrive; returns what they completed. */
  push(bytes: Uint8Array): SseItem[];
  /** The stream ended: flushes the decoder; an unfinished event is discarded. */
  end(): SseItem[];
  /** The last event ID seen so far (for Last-Event-ID on reconnect). */
  lastEventId(): string;
}

export function createSseParser(initialLastEventId = ''): SseParser {
  // ignoreBOM: keep it for the rule below, which drops exactly one leading BOM
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let pending = '';
  let sawFirst = false;
  let lastCr = false;
  let data: string[] = [];
  let eventType = '';
  let lastId = initialLastEventId;

  const field = (name: string, value: string, out: SseItem[]): void => {
    switch (name) {
      case 'event':
        eventType = value;
        return;
      case 'data':
        data.push(value);
        return;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        return;
      case 'retry':
        if (/^[0-9]+$/.test(value)) out.push({ kind: 'retry', ms: Number(value) });
        return;
      default:
    }
  };

  const line = (text: string, out: SseItem[]): void => {
    if (text === '') {
      if (data.length > 0) out.push({ kind: 'event', event: eventType || 'message', data: data.join('\n'), id: lastId });
      data = [];
      eventType = '';
      return;
    }
    if (text.startsWith(':')) return void out.push({ kind: 'comment', text: text.slice(1).replace(/^ /, '') });
    const colon = text.indexOf(':');
    if (colon < 0) return field(text, '', out);
    const value = text.slice(colon + 1);
    field(text.slice(0, colon), value.startsWith(' ') ? value.slice(1) : value, out);
  };

  const feed = (text: string): SseItem[] => {
    const out: SseItem[] = [];
    if (!sawFirst && text.length > 0) {
      sawFirst = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    pending += text;
    for (let i = 0; i < pending.length; i++) {
      const c = pending.charCodeAt(i);
      if (c === 10 && lastCr) {
        // the LF of a CRLF whose CR ended the previous line
        lastCr = false;
        start = i + 1;
        continue;
      }
      lastCr = false;
      if (c === 10 || c === 13) {
        line(pending.slice(start, i), out);
        lastCr = c === 13;
        start = i + 1;
      }
    }
    pending = pending.slice(start);
    return out;
  };

  return {
    push: (bytes) => feed(decoder.decode(bytes, { stream: true })),
    end() {
      const out = feed(decoder.decode());
      pending = '';
      data = [];
      eventType = '';
      return out;
    },
    lastEventId: () => lastId,
  };
}
