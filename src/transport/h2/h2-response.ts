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
    else failAfterDrain(bodyStream?.body ?? req, failure);
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
      bodyStream = bodyOf(req, (err) => fail(streamError(err)), () => endTrailers?.([]));
      resolve({ head, body: bodyStream.body, trailers, requestHeadBytes: 0, bodyError: streamError });
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

interface H2Body {
  readonly body: Readable;
  /** The stream failed: what it had read goes into the body before the error does. */
  failed(err: unknown): void;
  /** The stream closed (a tick ago): without its end and without an error it is never a complete body. */
  afterClose(): void;
}

/**
 * The response body, read from the stream from the moment the head arrives. Handing out the stream itself let
 * Node 24 fail a consumer that came a moment later: its end-of-stream check sees the stream `closed` (both sides
 * done at the HTTP/2 level) with the body still buffered, and reports a premature close.
 */
function bodyOf(req: ClientHttp2Stream, onError: (err: unknown) => void, onEnd: () => void): H2Body {
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
  req.once('end', () => {
    body.push(null);
    onEnd();
  });
  // A stream that fails keeps what it had read but not yet handed on (DATA in the same read as the head and the
  // reset: the 'data' listener's flow starts a tick later); it goes into the body before the error does.
  const salvage = (): void => {
    for (let chunk = req.read() as Buffer | null; chunk !== null && !body.destroyed; chunk = req.read() as Buffer | null) body.push(chunk);
  };
  return {
    body,
    failed(err) {
      salvage();
      onError(err);
    },
    afterClose() {
      // (a session torn down under it)
      if (!req.readableEnded && !body.destroyed && !body.readableEnded) {
        salvage();
        onError(new Error('the stream closed before its end'));
      }
    },
  };
}
