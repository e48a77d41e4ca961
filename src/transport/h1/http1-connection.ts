// Http1Connection: HTTP/1.0 and 1.1 over the socket our connection chain produced, on qurl's own codec: the
// request head goes out byte for byte as the engine built it (names in their case, curl's order, nothing added
// but Host and the body's framing), and the reply is read as curl reads it (src/codec/http1-response-parser.ts).
import { Readable, type Duplex } from 'node:stream';
import { createHttp1ResponseParser, encodeRequestHead, type Http1ParseEvent, type Http1ResponseParser } from '../../codec/index.js';
import type { QurlError } from '../../errors/index.js';
import { redactCredentials, type HeaderList } from '../../trace/index.js';
import { streamOf, USER_READ_SIZE, type ConnectionChain } from '../connect/index.js';
import type { ProtocolConnection, RequestBody, RequestHead, ResponseHead, ResponseStream, StreamContext } from '../protocol-connection.js';
import { drainedOrClosed, pumpRequestBody, type BodyPump, type BodyTarget } from '../request-body-pump.js';
import { toH1Error, toParseError } from './h1-errors.js';

export interface Http1Options {
  /** Send `HTTP/1.0` on the request line and close after one exchange. */
  readonly http10: boolean;
}

const BODY_HIGH_WATER = 256 * 1024;
/** curl sends `Expect: 100-continue` with HTTP/1.1 POSTs larger than this (or of unknown length), and with every -T upload. */
const EXPECT_THRESHOLD = 1024 * 1024;
const CRLF = Buffer.from('\r\n');
const LAST_CHUNK = Buffer.from('0\r\n\r\n');

const has = (headers: HeaderList, name: string): boolean => headers.some(([n]) => n.toLowerCase() === name);

interface Fields {
  readonly fields: [string, string][];
  /** Aligned with `fields`: a -H line as typed. */
  readonly typed: (string | undefined)[];
  readonly chunked: boolean;
}

/** The head's fields: Host first (curl's order), the engine's list, and the body's framing where it says. */
function requestFields(head: RequestHead, body: RequestBody | null): Fields {
  const given = head.headers.map(([n, v]): [string, string] => [n, v]);
  const host: [string, string][] = head.omitHost ? [] : [['Host', head.authority]];
  const typedGiven = Array.from({ length: given.length }, (_, i) => head.typedLines?.[i]);
  if (!body) return { fields: [...host, ...given], typed: [...host.map(() => undefined), ...typedGiven], chunked: false };
  const givenCoding = head.headers.find(([n]) => n.toLowerCase() === 'transfer-encoding')?.[1];
  // A length the user gave (-H Content-Length) frames a body of unknown length as they say, as curl does.
  const chunked = givenCoding !== undefined ? /(^|,)\s*chunked\s*$/i.test(givenCoding) : body.length === null && !has(head.headers, 'content-length');
  const framing: [string, string][] = [];
  if (chunked && givenCoding === undefined) framing.push(['Transfer-Encoding', 'chunked']);
  if (!chunked && body.length !== null && !has(head.headers, 'content-length')) framing.push(['Content-Length', String(body.length)]);
  const at = Math.min(head.framingAt ?? given.length, given.length);
  const typed = [...host.map(() => undefined), ...typedGiven.slice(0, at), ...framing.map(() => undefined), ...typedGiven.slice(at)];
  return { fields: [...host, ...given.slice(0, at), ...framing, ...given.slice(at)], typed, chunked };
}

/** Waits for 100 Continue before the body: curl's rule (a big or unknown-length upload), or an Expect the user set. */
function expectsContinue(head: RequestHead, body: RequestBody, fields: [string, string][]): boolean {
  if (head.headers.some(([n, v]) => n.toLowerCase() === 'expect' && /^\s*100-continue\s*$/i.test(v))) return true;
  const threshold = head.expect100ForAnySize ? 0 : EXPECT_THRESHOLD;
  if (head.expect100TimeoutMs === undefined || (body.length !== null && body.length <= threshold)) return false;
  fields.push(['Expect', '100-continue']);
  return true;
}

/** One request and its response on the connection. */
interface Exchange {
  /**
   * `lent`: the chunk is a view into the connection's reused read buffer, valid only during this call. Returns
   * whether something still holds on to it after the call (a body stream that buffered it).
   */
  onData(chunk: Buffer, lent: boolean): boolean;
  /** The connection ended (cleanly, or with `err`). */
  onEnd(err: unknown): void;
  /** Whether the body's consumer takes each chunk before the next read (ResponseStream.lend). */
  readonly lends: boolean;
}

export function createHttp1Connection(chain: ConnectionChain, options: Http1Options): ProtocolConnection {
  const socket: Duplex = streamOf(chain);
  let closed = false;
  let busy = false;
  let exchange: Exchange | null = null;
  let socketError: unknown = null;

  const release = (): void => {
    closed = true;
    socket.destroy();
    chain.close();
  };
  let reading = true;
  /** Whether the chunk is still held after the exchange took it. */
  const take = (chunk: Buffer, lent: boolean): boolean => {
    if (exchange) return exchange.onData(chunk, lent);
    // A server that speaks between exchanges: the connection's state is unknown, so it is not used again.
    release();
    return false;
  };
  let readMore: () => void;
  const reads = chain.reads;
  if (reads) {
    // Plain TCP: reads go into buffers handed out here. While the body's consumer takes each chunk before the
    // next read, one buffer serves them all; a chunk the body stream had to keep retires it for a fresh one.
    let shared: Buffer | null = null;
    reads.attach({
      buffer: () => (exchange?.lends ? (shared ??= Buffer.allocUnsafe(USER_READ_SIZE)) : Buffer.allocUnsafe(USER_READ_SIZE)),
      deliver(chunk) {
        if (closed) return false;
        const lent = shared !== null && chunk.buffer === shared.buffer;
        if (take(chunk, lent) && lent) shared = null;
        return reading && !closed;
      },
    });
    readMore = () => {
      reading = true;
      socket.resume();
    };
  } else {
    // Paused-mode reads: while the body's consumer keeps up, Node keeps reading the socket into its own buffer;
    // when it falls behind, the bytes wait there (flowing mode's pause() and resume() cost a pair of epoll calls
    // each time, ~20% of a loopback download).
    const pull = (): void => {
      while (reading && !closed) {
        const chunk = socket.read() as Buffer | null;
        if (chunk === null) return;
        take(chunk, false);
      }
    };
    readMore = () => {
      reading = true;
      pull();
    };
    socket.on('readable', pull);
  }
  socket.on('error', (err) => {
    socketError ??= err;
    closed = true;
    exchange?.onEnd(err);
  });
  socket.on('end', () => {
    closed = true;
    exchange?.onEnd(null);
  });
  socket.on('close', () => {
    closed = true;
    exchange?.onEnd(socketError);
  });

  const open = (head: RequestHead, body: RequestBody | null, ctx: StreamContext): Promise<ResponseStream> =>
    new Promise<ResponseStream>((resolve, reject) => {
      const { trace } = ctx;
      const connId = chain.connId;
      const version = options.http10 ? '1.0' : '1.1';
      const { fields, typed, chunked } = requestFields(head, body);
      const expects = body !== null && !options.http10 && expectsContinue(head, body, fields);
      const headBytes = encodeRequestHead(head.method, head.target, version, fields, typed);
      const parser: Http1ResponseParser = createHttp1ResponseParser({ method: head.method, requestCloses: options.http10, ...head.http1 });
      const progress = { bytesReceived: 0, headReceived: false, expectedLength: null as number | null, bodyReceived: 0 };
      const informational: Uint8Array[] = [];
      let headTotal = 0;
      let bodyStream: Readable | undefined;
      let settleTrailers: (t: HeaderList) => void = () => {};
      const trailers = new Promise<HeaderList>((r) => (settleTrailers = r));
      let pump: BodyPump | undefined;
      let done = false;
      // Expect: 100-continue: the body waits for the 100, or for the timeout; a final answer first means it is never sent.
      let continueTimer: NodeJS.Timeout | undefined;
      let bodySkipped = false;
      const startBody = (): void => {
        clearTimeout(continueTimer);
        if (body && !pump && !done && !bodySkipped) pump = pumpRequestBody(body, bodyTarget(socket, chunked, (bytes) => emitData('send', 'body', bytes)), ctx.bodySent, fail);
      };

      /** Set while the chunk being parsed is lent (see Exchange.onData): what outlives the call is copied. */
      let lent = false;
      let lends = false;
      const own = (bytes: Uint8Array): Uint8Array => (lent ? Uint8Array.prototype.slice.call(bytes) : bytes);
      const emitData = (direction: 'send' | 'recv', kind: 'header' | 'body', bytes: Uint8Array): void => {
        if (bytes.length > 0 && trace.wants('data')) trace.emit({ type: 'data', source: 'h1', connId, direction, kind, bytes: own(bytes) });
      };
      const finish = (): void => {
        done = true;
        exchange = null;
        clearTimeout(continueTimer);
        ctx.signal.removeEventListener('abort', onAbort);
        pump?.stop();
      };
      const fail = (err: QurlError): void => {
        if (done) return;
        finish();
        // After a failed exchange an HTTP/1.1 connection's state is unknown: it is never used again.
        release();
        if (bodyStream) bodyStream.destroy(err);
        else reject(err);
      };
      const onAbort = (): void => fail(toH1Error(ctx.signal.reason, progress));

      const onHead = (e: Extract<Http1ParseEvent, { type: 'head' }>): void => {
        const h = { ...e.head, raw: own(e.head.raw) };
        headTotal += h.raw.length;
        emitData('recv', 'header', h.raw);
        trace.emit({ type: 'response-head', source: 'h1', connId, version: h.version, status: h.status, statusText: h.statusText, headers: h.fields, raw: h.raw });
        if (e.framing === null) {
          informational.push(h.raw);
          if (h.status === 100) startBody();
          return;
        }
        if (expects && !pump) {
          clearTimeout(continueTimer);
          bodySkipped = true;
        }
        progress.headReceived = true;
        progress.expectedLength = e.framing === 'length' ? e.length : null;
        const response: ResponseHead = { version: h.version, status: h.status, statusText: h.statusText, headers: h.fields, raw: h.raw, informational };
        bodyStream = new Readable({
          highWaterMark: BODY_HIGH_WATER,
          read: readMore,
          // Abandoning the body mid-way (-f, an error downstream) ends the exchange, and with it the connection.
          destroy: (err, cb) => {
            if (!done) {
              finish();
              release();
            }
            cb(err);
          },
        });
        resolve({
          head: response, body: bodyStream, trailers, requestHeadBytes: headBytes.length, askedContinue: expects && head.expect100TimeoutMs !== undefined,
          bodyError: (err) => toH1Error(err, { ...progress, headReceived: true }),
          lend: () => {
            lends = true;
          },
        });
      };

      /** `wire`: the chunk these events came from, and the bytes received before it (for the trace). */
      const onEvents = (events: Http1ParseEvent[], wire: { chunk: Buffer; before: number } | null): void => {
        for (const e of events) {
          if (done) return;
          if (e.type === 'head') {
            onHead(e);
            // Heads are all that precede the body, so the body starts headTotal bytes into the reply.
            if (e.framing !== null && wire) emitData('recv', 'body', wire.chunk.subarray(headTotal - wire.before));
          } else if (e.type === 'body') {
            progress.bodyReceived += e.bytes.length;
            if (!bodyStream!.push(e.bytes)) reading = false;
          } else {
            // A body announced and never sent, or stopped part-way because the answer came first (a 307 before
            // the end of an upload), leaves the connection unusable: the server would read on into the next request.
            const bodyWhole = body === null || pump?.isComplete() === true;
            const reusable = e.reusable && parser.excess === 0 && !options.http10 && !bodySkipped && bodyWhole;
            finish();
            if (reusable) {
              busy = false;
              // Reading between exchanges, so a server closing the idle connection is noticed (and bytes it
              // should not send end it).
              setImmediate(readMore);
            } else release();
            settleTrailers(e.trailers.map(([n, v]) => [n, v] as const));
            bodyStream?.push(null);
          }
        }
      };

      const receive = (chunk: Buffer): void => {
        if (progress.bytesReceived === 0) ctx.timings.mark('starttransfer');
        const before = progress.bytesReceived;
        progress.bytesReceived += chunk.length;
        const inBody = progress.headReceived;
        let events: Http1ParseEvent[];
        try {
          events = parser.push(chunk);
        } catch (err) {
          return fail(toParseError(err, progress));
        }
        // The trace's body bytes are the wire's (chunk framing included): all that follows the final head.
        if (inBody) emitData('recv', 'body', chunk);
        onEvents(events, { chunk, before });
      };

      exchange = {
        get lends() {
          return lends;
        },
        onData(chunk, isLent) {
          lent = isLent;
          try {
            receive(chunk);
            if (!lent) return false;
            // What the parser keeps of the chunk (a line cut in two), and a body chunk nobody has read yet, outlive it.
            parser.detach();
            return (bodyStream?.readableLength ?? 0) > 0;
          } finally {
            lent = false;
          }
        },
        onEnd(err) {
          if (done) return;
          if (err) return fail(toH1Error(socketError ?? err, progress));
          let events: Http1ParseEvent[];
          try {
            events = parser.finish();
          } catch (parseErr) {
            return fail(toParseError(parseErr, progress));
          }
          onEvents(events, null);
        },
      };
      ctx.signal.addEventListener('abort', onAbort, { once: true });

      ctx.timings.mark('pretransfer');
      const shown = redactCredentials(fields);
      if (trace.wants('request-head')) trace.emit({ type: 'request-head', source: 'h1', connId, method: head.method, target: head.target, version, headers: shown });
      if (trace.wants('data')) emitData('send', 'header', encodeRequestHead(head.method, head.target, version, shown, typed.map((line, i) => (shown[i]![1] === fields[i]![1] ? line : undefined))));
      socket.write(headBytes);
      // A proxy step leaves what came after its reply in the stream's buffer: it is this reply's start.
      readMore();
      if (expects) continueTimer = setTimeout(startBody, head.expect100TimeoutMs ?? 1000);
      else startBody();
    });

  return {
    version: options.http10 ? '1.0' : '1.1',
    chain,
    canTakeStream: () => !closed && !busy,
    reserveStream() {
      if (closed || busy) return false;
      busy = true;
      return true;
    },
    isClosed: () => closed || socket.destroyed,
    close: release,
    openStream(head, body, ctx) {
      busy = true;
      if (closed || socket.destroyed) return Promise.reject(toH1Error(socketError ?? new Error('connection closed'), { bytesReceived: 0, headReceived: false, expectedLength: null, bodyReceived: 0 }));
      return open(head, body, ctx);
    },
  };
}

/** The request body onto the socket: as is, or chunked (RFC 9112 §7.1) when its length is unknown. */
function bodyTarget(socket: Duplex, chunked: boolean, traced: (bytes: Uint8Array) => void): BodyTarget {
  const send = (bytes: Uint8Array): boolean => {
    traced(bytes);
    return socket.write(bytes);
  };
  return {
    write(chunk) {
      if (!chunked) return send(chunk);
      if (chunk.length === 0) return true;
      send(Buffer.from(`${chunk.length.toString(16)}\r\n`));
      send(chunk);
      return send(CRLF);
    },
    drained: () => drainedOrClosed(socket),
    end() {
      if (chunked) send(LAST_CHUNK);
    },
    cancel() {
      socket.destroy();
    },
  };
}
