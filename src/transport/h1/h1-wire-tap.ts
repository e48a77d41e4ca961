// Watches the cleartext bytes undici writes and reads on one connection: raw heads for -i/-D, first-byte time,
// request/response/data trace events, and the checks undici lacks. It changes one thing only: interim (1xx)
// heads are kept from undici, which refuses an unsolicited 100 Continue (RFC 9110 §15.2: parse and skip them).
import type { Duplex } from 'node:stream';
import { checkResponseHead, findHeadEnd, parseHttp1Head, parseStatusLine, type HeadProblem } from '../../codec/index.js';
import type { StreamContext } from '../protocol-connection.js';

/** curl 8's bound on a response head (MAX_HTTP_RESP_HEADER_SIZE); undici's own bound is looser. */
export const MAX_HEAD_BYTES = 300 * 1024;
/** More interim responses than this is a flood, not a conversation. */
export const MAX_INTERIM_HEADS = 1000;

export interface RawHead {
  readonly raw: Uint8Array;
  readonly version: string;
  readonly status: number;
  readonly statusText: string;
  readonly fields: readonly (readonly [string, string])[];
}

/** What the tap found wrong with the reply: a head problem, or too many interim heads. */
export type WireProblem = HeadProblem | { readonly kind: 'interim-flood' | 'too-large'; readonly message: string };

export interface H1WireTap {
  /** Call before handing a request to undici; the next write is its head. `onProblem` hears a bad reply at once. */
  beginExchange(ctx: StreamContext, connId: number, onProblem: (problem: WireProblem) => void): void;
  /** Heads received for the current exchange, final one last. */
  heads(): readonly RawHead[];
  /** True once any response byte arrived for the current exchange. */
  receivedAny(): boolean;
  /** Bytes of the request head sent for the current exchange. */
  sentHeadBytes(): number;
  endExchange(): void;
}

type ReadState = 'idle' | 'head' | 'body';

/** The start of an interim status line, `HTTP/1.1 1`, one pattern a byte. */
const INTERIM_PREFIX = [/H/, /T/, /T/, /P/, /\//, /\d/, /\./, /\d/, / /, /1/];

/** Could `bytes` still turn out to be an interim (1xx) status line? Only those are held back from undici. */
function mayBeInterim(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, INTERIM_PREFIX.length);
  for (let i = 0; i < n; i++) if (!INTERIM_PREFIX[i]!.test(String.fromCharCode(bytes[i]!))) return false;
  return true;
}

export function tapH1Wire(socket: Duplex): H1WireTap {
  let ctx: StreamContext | null = null;
  let connId = 0;
  let onProblem: (problem: WireProblem) => void = () => {};
  let writeState: 'head' | 'body' = 'body';
  let readState: ReadState = 'idle';
  let pending: Buffer = Buffer.alloc(0);
  let handed = 0;
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

  /** Records one complete head; true when it was an interim one (to be kept from undici). */
  const takeHead = (raw: Buffer): boolean => {
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
    const problem = checkResponseHead(raw);
    if (problem) onProblem(problem);
    return entry.status >= 100 && entry.status < 200 && entry.status !== 101;
  };

  /**
   * Takes the bytes undici read and returns those it should see: all of them, minus interim heads. `pending`
   * holds the current head from its first byte; its first `handed` bytes already went on to undici.
   */
  const filterRead = (chunk: Buffer): Buffer => {
    if (!ctx) return chunk;
    if (!firstByte) {
      firstByte = true;
      ctx.timings.mark('starttransfer');
    }
    if (readState !== 'head') {
      emitData('recv', 'body', chunk);
      return chunk;
    }
    let scanFrom = pending.length;
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      const end = findHeadEnd(pending, scanFrom);
      const size = end < 0 ? pending.length : end;
      if (size > MAX_HEAD_BYTES) {
        onProblem({ kind: 'too-large', message: `Too large response headers: ${size} > ${MAX_HEAD_BYTES}` });
        return Buffer.alloc(0);
      }
      if (end < 0) {
        // A possible interim head is held back until it is whole; anything else goes on to undici as it comes.
        if (handed === 0 && mayBeInterim(pending)) return Buffer.alloc(0);
        const out = pending.subarray(handed);
        handed = pending.length;
        return out;
      }
      const isInterim = takeHead(pending.subarray(0, end));
      if (!isInterim) {
        readState = 'body';
        const out = pending.subarray(handed);
        if (pending.length > end) emitData('recv', 'body', pending.subarray(end));
        pending = Buffer.alloc(0);
        handed = 0;
        return out;
      }
      if (received.length > MAX_INTERIM_HEADS) {
        onProblem({ kind: 'interim-flood', message: `the server sent more than ${MAX_INTERIM_HEADS} interim (1xx) responses` });
        return Buffer.alloc(0);
      }
      pending = pending.subarray(end);
      scanFrom = 0;
    }
  };

  const write = socket.write;
  socket.write = function tappedWrite(this: Duplex, ...args: unknown[]): boolean {
    onWrite(args[0], args[1]);
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof socket.write;
  const read = socket.read;
  socket.read = function tappedRead(this: Duplex, size?: number): unknown {
    const chunk: unknown = read.call(this, size);
    return Buffer.isBuffer(chunk) ? filterRead(chunk) : chunk;
  } as typeof socket.read;

  return {
    beginExchange(next, id, problem) {
      ctx = next;
      connId = id;
      onProblem = problem;
      writeState = 'head';
      readState = 'idle';
      pending = Buffer.alloc(0);
      handed = 0;
      received = [];
      firstByte = false;
      headBytes = 0;
    },
    heads: () => received,
    receivedAny: () => firstByte,
    sentHeadBytes: () => headBytes,
    endExchange() {
      ctx = null;
      onProblem = () => {};
    },
  };
}
