// Watches the cleartext bytes undici writes and reads on one connection: raw heads for -i/-D, first-byte time,
// and request/response/data trace events. It never changes a byte.
import type { Duplex } from 'node:stream';
import { findHeadEnd, parseHttp1Head, parseStatusLine } from '../../codec/index.js';
import type { StreamContext } from '../protocol-connection.js';

const MAX_HEAD_BYTES = 1 << 20;

export interface RawHead {
  readonly raw: Uint8Array;
  readonly version: string;
  readonly status: number;
  readonly statusText: string;
  readonly fields: readonly (readonly [string, string])[];
}

export interface H1WireTap {
  /** Call before handing a request to undici; the next write is its head. */
  beginExchange(ctx: StreamContext, connId: number): void;
  /** Heads received for the current exchange, final one last. */
  heads(): readonly RawHead[];
  /** True once any response byte arrived for the current exchange. */
  receivedAny(): boolean;
  /** Bytes of the request head sent for the current exchange. */
  sentHeadBytes(): number;
  endExchange(): void;
}

type ReadState = 'idle' | 'head' | 'body';

export function tapH1Wire(socket: Duplex): H1WireTap {
  let ctx: StreamContext | null = null;
  let connId = 0;
  let writeState: 'head' | 'body' = 'body';
  let readState: ReadState = 'idle';
  let pending: Buffer = Buffer.alloc(0);
  let received: RawHead[] = [];
  let firstByte = false;
  let headBytes = 0;

  const emitData = (direction: 'send' | 'recv', kind: 'header' | 'body', bytes: Uint8Array): void => {
    if (ctx?.trace.wants('data')) ctx.trace.emit({ type: 'data', source: 'h1', connId, direction, kind, bytes });
  };

  const onWrite = (chunk: unknown, encoding: unknown): void => {
    if (!ctx) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : (chunk as Uint8Array);
    if (writeState === 'head') {
      writeState = 'body';
      readState = 'head';
      headBytes = bytes.length;
      if (ctx.trace.wants('request-head')) {
        const head = parseHttp1Head(bytes);
        const [method = '', target = '', version = ''] = head.startLine.split(' ');
        ctx.trace.emit({
          type: 'request-head', source: 'h1', connId, method, target,
          version: version.replace('HTTP/', ''), headers: head.fields,
        });
      }
      emitData('send', 'header', bytes);
      return;
    }
    emitData('send', 'body', bytes);
  };

  const takeHead = (end: number): void => {
    const raw = pending.subarray(0, end);
    const head = parseHttp1Head(raw);
    const status = parseStatusLine(head.startLine);
    const entry: RawHead = {
      raw: Uint8Array.from(raw),
      version: status?.version ?? '1.1',
      status: status?.status ?? 0,
      statusText: status?.statusText ?? '',
      fields: head.fields,
    };
    received.push(entry);
    emitData('recv', 'header', entry.raw);
    ctx?.trace.emit({
      type: 'response-head', source: 'h1', connId, version: entry.version, status: entry.status,
      statusText: entry.statusText, headers: entry.fields, raw: entry.raw,
    });
    const isInterim = entry.status >= 100 && entry.status < 200 && entry.status !== 101;
    readState = isInterim ? 'head' : 'body';
    const rest = pending.subarray(end);
    pending = Buffer.alloc(0);
    if (rest.length > 0) onRead(rest);
  };

  const onRead = (chunk: Buffer): void => {
    if (!ctx) return;
    if (!firstByte) {
      firstByte = true;
      ctx.timings.mark('starttransfer');
    }
    if (readState !== 'head') {
      emitData('recv', 'body', chunk);
      return;
    }
    const from = pending.length;
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const end = findHeadEnd(pending, from);
    if (end >= 0) takeHead(end);
    else if (pending.length > MAX_HEAD_BYTES) readState = 'body';
  };

  const write = socket.write;
  socket.write = function tappedWrite(this: Duplex, ...args: unknown[]): boolean {
    onWrite(args[0], args[1]);
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof socket.write;
  const read = socket.read;
  socket.read = function tappedRead(this: Duplex, size?: number): unknown {
    const chunk: unknown = read.call(this, size);
    if (Buffer.isBuffer(chunk)) onRead(chunk);
    return chunk;
  } as typeof socket.read;

  return {
    beginExchange(next, id) {
      ctx = next;
      connId = id;
      writeState = 'head';
      readState = 'idle';
      pending = Buffer.alloc(0);
      received = [];
      firstByte = false;
      headBytes = 0;
    },
    heads: () => received,
    receivedAny: () => firstByte,
    sentHeadBytes: () => headBytes,
    endExchange() {
      ctx = null;
    },
  };
}
