// Waits for one HTTP/2 stream's response: interim heads, the final head, trailers, resets, aborts; and fails
// the exchange when its body is cut short, its request body fails, or the connection dies under it.
import { constants, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import { Readable } from 'node:stream';
import { QurlError, errorCode } from '../../errors/index.js';
import type { HeaderList } from '../../trace/index.js';
import type { ResponseHead, ResponseStream, StreamContext } from '../protocol-connection.js';
import { failAfterDrain } from '../fail-after-drain.js';
import { streamResetError, toH2Error, toSessionError } from './h2-errors.js';
import { watchEndOfStream } from './h2-end-of-stream.js';
import { renderHead } from '../request-fields.js';
import { fromRawHeaders } from './h2-headers.js';

/** A head's or trailers' fields, without pseudo-headers (:status is read from the object). */
function headersFromEvent(headers: IncomingHttpHeaders, raw: readonly string[] | undefined): HeaderList {
  if (raw && raw.length > 0) return fromRawHeaders(raw);
  return Object.entries(headers).flatMap(([k, v]) => (k.startsWith(':') ? [] : Array.isArray(v) ? v.map((x) => [k, x] as const) : v === undefined ? [] : [[k, String(v)] as const]));
}

export interface ResponseWaiter {
  /** Resolves with the final response head; rejects with a QurlError if the stream ends before one. */
  readonly response: Promise<ResponseStream>;
  /** Fails this exchange alone (its request body failed): before the head it rejects, after it the body errors. */
  fail(err: QurlError): void;
}

export interface StreamEnv {
  readonly connId: number;
  /** The connection's own failure (a protocol error, a retired connection), which explains a stream's end best. */
  connectionError(): QurlError | null;
}

export function receiveResponse(req: ClientHttp2Stream, ctx: StreamContext, env: StreamEnv): ResponseWaiter {
  let failure: QurlError | null = null;
  let answered = false;
  /** The stream closed before END_STREAM under a destroyed session: why is known only once its error arrives. */
  let cutShort = false;
  // A destroyed stream forgets its session; the cut-short rule needs to know whether the session died too.
  const session = req.session;
  let rejectHead: (err: QurlError) => void = () => {};
  let bodyStream: H2Body | null = null;

  /** Our reasons first (a failed upload, a dead connection), then the peer's RST_STREAM code, then node:http2's error. */
  const streamError = (err: unknown): QurlError => {
    if (failure) return failure;
    if (err instanceof QurlError) return err;
    const fromConnection = env.connectionError();
    if (fromConnection) return fromConnection;
    // nghttp2's own error (NghttpError) ends the whole session; node:http2 tells its streams before the session.
    if (errorCode(err) === 'ERR_HTTP2_ERROR') return toSessionError(err);
    if (cutShort) return cutShortError();
    return req.rstCode ? streamResetError(req.id, req.rstCode) : toH2Error(err);
  };
  const cutShortError = (): QurlError => {
    const fromConnection = env.connectionError();
    if (fromConnection) return fromConnection;
    if (session?.destroyed) return new QurlError('partial-file', `HTTP/2 stream ${req.id} was not closed cleanly before end of the underlying stream`);
    return streamResetError(req.id, req.rstCode ?? constants.NGHTTP2_NO_ERROR);
  };
  const fail = (err: QurlError): void => {
    failure ??= err;
    if (!answered) rejectHead(failure);
    else bodyStream?.fail(failure);
  };
  // node:http2 ends the body of a stream closed by the peer's RST_STREAM as if it were complete: it is not.
  // (Before the head, the stream's 'close' says why it ended.)
  watchEndOfStream(req, () => {
    if (!answered) return;
    if (!req.destroyed) fail(cutShortError());
    else cutShort = true;
  });

  const response = new Promise<ResponseStream>((resolve, reject) => {
    rejectHead = reject;
    const informational: Uint8Array[] = [];
    let endTrailers: ((t: HeaderList) => void) | null = null;
    const onAbort = (): void => {
      req.close(constants.NGHTTP2_CANCEL);
      req.destroy(ctx.signal.reason as Error);
      if (!answered) reject(ctx.signal.reason);
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    req.on('headers', (headers, _flags, raw?: string[]) => {
      const fields = headersFromEvent(headers, raw);
      const bytes = renderHead('2', Number(headers[':status']), fields);
      informational.push(bytes);
      ctx.trace.emit({ type: 'response-head', source: 'h2', connId: env.connId, streamId: req.id, version: '2', status: Number(headers[':status']), statusText: '', headers: fields, raw: bytes });
    });
    req.once('response', (headers, _flags, raw?: string[]) => {
      if (failure) return;
      answered = true;
      ctx.timings.mark('starttransfer');
      const status = Number(headers[':status']);
      const fields = headersFromEvent(headers, raw);
      const head: ResponseHead = { version: '2', status, statusText: '', headers: fields, raw: renderHead('2', status, fields), informational };
      if (ctx.trace.wants('response-head')) ctx.trace.emit({ type: 'response-head', source: 'h2', connId: env.connId, streamId: req.id, version: '2', status, statusText: '', headers: fields, raw: head.raw });
      const trailers = new Promise<HeaderList>((done) => {
        endTrailers = done;
        req.once('trailers', (t, _f, rawT?: string[]) => done(headersFromEvent(t, rawT)));
      });
      // node:http2 emits 'trailers' a tick after their HEADERS frame, and 'end' two ticks or more after it: at the
      // end, trailers are in or there are none. (An upload still going on keeps the stream open past its end.)
      const body = claimableBody(req, (err) => fail(streamError(err)), () => endTrailers?.([]));
      bodyStream = body;
      resolve({
        head,
        get body() {
          return body.stream();
        },
        drain: (write) => body.drain(write),
        trailers,
        requestHeadBytes: 0,
        bodyError: streamError,
      });
    });
    // One listener for the stream's end of life: a thousand -Z transfers notice every listener and every tick.
    req.once('close', () => {
      ctx.signal.removeEventListener('abort', onAbort);
      if (answered) {
        if (req.readableEnded) return;
        // Closed before its end: a tick on, so the last 'data', 'end' and 'trailers' are in.
        setImmediate(() => {
          endTrailers?.([]);
          bodyStream?.afterClose();
        });
        return;
      }
      if (failure) return reject(failure);
      const fromConnection = env.connectionError();
      if (fromConnection) return reject(fromConnection);
      if (req.session?.destroyed) return reject(new QurlError('h2', `HTTP/2 connection closed before a response arrived on stream ${req.id}`));
      if (req.rstCode) return reject(streamResetError(req.id, req.rstCode));
      reject(new QurlError('h2-stream', `HTTP/2 stream ${req.id} was closed cleanly, but before getting all response header fields`));
    });
    req.on('error', (err) => {
      if (bodyStream) bodyStream.failed(err);
      else if (!answered) reject(streamError(err));
    });
  });
  return { response, fail };
}

const BODY_HIGH_WATER = 256 * 1024;

/** What the stream's events tell a body, however it is read. */
interface BodyEnd {
  /** The stream failed: what it had read goes out before the error does. */
  failed(err: unknown): void;
  /** The stream closed (a tick ago): without its end and without an error it is never a complete body. */
  afterClose(): void;
  /** This exchange failed (a reset, a failed upload, a dead connection): once what was read went out. */
  fail(err: QurlError): void;
}

/** One way of reading the body; the stream's end is told to it (and only once it was claimed). */
interface ReadBody extends BodyEnd {
  ended(): void;
}

interface H2Body extends BodyEnd {
  /** The body as a Readable; from then on drain() declines. */
  stream(): Readable;
  /** The body chunk by chunk into `write` (ResponseStream.drain); null once stream() was asked for. */
  drain(write: (chunk: Buffer) => void): Promise<void> | null;
}

/** Bodies not claimed in the turn their head arrived in; one immediate makes them all Readables. */
let unclaimed: (() => void)[] = [];
let sweep: NodeJS.Immediate | null = null;

function claimLater(claim: () => void): void {
  unclaimed.push(claim);
  sweep ??= setImmediate(() => {
    sweep = null;
    const due = unclaimed;
    unclaimed = [];
    for (const c of due) c();
  });
}

/**
 * The response body, read either way its consumer asks first: a Readable for most, or straight into a writer
 * that takes each chunk at once (an -o file), which spares the Readable, its buffer and its ticks (-Z's thousand
 * small bodies). The engine asks in the same turn the head arrived in; a body nobody asked for by the next turn
 * becomes a Readable then, which reads the stream to its end (the trailers and the stream's slot wait for it),
 * and so does a body the stream reported an error or its close on first.
 */
function claimableBody(req: ClientHttp2Stream, onError: (err: unknown) => void, onEnd: () => void): H2Body {
  let readable: (ReadBody & { readonly body: Readable }) | null = null;
  let direct: ReadBody | null = null;
  // node:http2 ends an empty body by itself (read(0) at the stream's close), before anyone may have asked for it.
  let ended = false;
  req.once('end', () => {
    ended = true;
    (direct ?? readable)?.ended();
    onEnd();
  });
  const claimed = <T extends ReadBody>(body: T): T => {
    if (ended) body.ended();
    return body;
  };
  const asReadable = (): ReadBody & { readonly body: Readable } => (readable ??= claimed(bodyOf(req, onError)));
  const current = (): BodyEnd => direct ?? asReadable();
  claimLater(current);
  return {
    stream: () => asReadable().body,
    drain(write) {
      if (readable || direct) return null;
      const drained = claimed(drainInto(req, write, onError));
      direct = drained;
      return drained.done;
    },
    failed: (err) => current().failed(err),
    afterClose: () => current().afterClose(),
    fail: (err) => current().fail(err),
  };
}

/**
 * The response body as a Readable, read from the stream from the moment it is made. Handing out the stream itself
 * let Node 24 fail a consumer that came a moment later: its end-of-stream check sees the stream `closed` (both
 * sides done at the HTTP/2 level) with the body still buffered, and reports a premature close.
 */
function bodyOf(req: ClientHttp2Stream, onError: (err: unknown) => void): ReadBody & { readonly body: Readable } {
  const body = new Readable({
    highWaterMark: BODY_HIGH_WATER,
    read: () => req.resume(),
    // Abandoning the body (-f, an error downstream) resets the stream (RST_STREAM CANCEL).
    destroy: (err, cb) => {
      if (!req.destroyed) req.destroy();
      cb(err);
    },
  });
  req.on('data', (chunk: Buffer) => {
    if (!body.push(chunk)) req.pause();
  });
  const keep = (chunk: Buffer): boolean => !body.destroyed && (body.push(chunk), true);
  return {
    body,
    ended: () => body.push(null),
    failed(err) {
      salvage(req, keep);
      onError(err);
    },
    afterClose() {
      // (a session torn down under it)
      if (!req.readableEnded && !body.destroyed && !body.readableEnded) {
        salvage(req, keep);
        onError(new Error('the stream closed before its end'));
      }
    },
    fail: (err) => failAfterDrain(body, err),
  };
}

/** The body into `write`, each chunk as node:http2 emits it; settles at its end or with why it failed. */
function drainInto(req: ClientHttp2Stream, write: (chunk: Buffer) => void, onError: (err: unknown) => void): ReadBody & { readonly done: Promise<void> } {
  let settled = false;
  let settle: (err?: unknown) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    settle = (err) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      if (err === undefined) return resolve();
      if (!req.destroyed) req.destroy();
      reject(err);
    };
  });
  const onData = (chunk: Buffer): boolean => {
    try {
      write(chunk);
      return true;
    } catch (err) {
      settle(err);
      return false;
    }
  };
  req.on('data', onData);
  const keep = (chunk: Buffer): boolean => !settled && onData(chunk);
  return {
    done,
    ended: () => settle(),
    failed(err) {
      salvage(req, keep);
      onError(err);
    },
    afterClose() {
      if (!req.readableEnded && !settled) {
        salvage(req, keep);
        onError(new Error('the stream closed before its end'));
      }
    },
    // What the stream holds is emitted first (it is flowing), then the error.
    fail: (err) => failAfterDrain(req, err, settle),
  };
}

/**
 * A stream that failed or closed keeps what it had read but not yet emitted (DATA in the same read as the head
 * and the reset: 'data' flows a tick later); `take` gets it before the error goes out, until it says stop. Called
 * from the stream's 'error' or after its 'close', when read() no longer emits 'data' itself.
 */
function salvage(req: ClientHttp2Stream, take: (chunk: Buffer) => boolean): void {
  for (let chunk = req.read() as Buffer | null; chunk !== null && take(chunk); chunk = req.read() as Buffer | null);
}
