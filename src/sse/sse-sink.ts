// The Writable an SSE transfer's body flows into: checks the response, parses events, fails an oversize event.
import { Writable } from 'node:stream';
import type { SseItem, SseParser } from '../codec/index.js';
import { QurlError } from '../errors/index.js';
import { headerValue, type HeaderList } from '../trace/index.js';

export interface SseHead {
  readonly status: number;
  readonly headers: HeaderList;
}

/** Status 200 and text/event-stream, or a clear error; 204 is the server saying "stop" (null). */
export function checkSseResponse(head: SseHead): 'stream' | 'stop' {
  if (head.status === 204) return 'stop';
  if (head.status !== 200) throw new QurlError('http-fail', `The server answered ${head.status}, not 200: not an event stream (no reconnect)`);
  const type = headerValue(head.headers, 'content-type') ?? '(none)';
  if (!/^text\/event-stream\s*(;|$)/i.test(type)) {
    throw new QurlError('weird-reply', `The server sent Content-Type ${type}, not text/event-stream (no reconnect)`);
  }
  return 'stream';
}

export function eventTooLargeError(limit: number): QurlError {
  return new QurlError('too-large', `An event grew past --max-event-size (${limit} bytes) before its blank line (no reconnect)`);
}

export interface SseSinkHooks {
  /** Called per parsed item, in order; never with 'too-large' (that fails the sink instead). */
  onItem(item: SseItem): void;
  onBytes(bytes: Uint8Array): void;
}

/** Items before an oversize event are delivered; the oversize one fails the transfer with a 'too-large' QurlError. */
function deliver(items: readonly SseItem[], hooks: SseSinkHooks): QurlError | null {
  for (const item of items) {
    if (item.kind === 'too-large') return eventTooLargeError(item.limit);
    hooks.onItem(item);
  }
  return null;
}

export function createSseSink(parser: SseParser, hooks: SseSinkHooks): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      hooks.onBytes(chunk);
      cb(deliver(parser.push(chunk), hooks));
    },
    final(cb) {
      cb(deliver(parser.end(), hooks));
    },
  });
}
