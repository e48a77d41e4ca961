// The Writable an SSE transfer's body flows into: checks the response, parses events, resets the idle timer.
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

export interface SseSinkHooks {
  onItem(item: SseItem): void;
  onBytes(bytes: Uint8Array): void;
}

export function createSseSink(parser: SseParser, hooks: SseSinkHooks): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      hooks.onBytes(chunk);
      for (const item of parser.push(chunk)) hooks.onItem(item);
      cb();
    },
    final(cb) {
      for (const item of parser.end()) hooks.onItem(item);
      cb();
    },
  });
}
