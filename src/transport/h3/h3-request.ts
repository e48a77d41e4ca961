// One HTTP/3 request stream (RFC 9114 §4.1): HEADERS, DATA frames with the body, FIN; then the response's
// interim and final HEADERS, DATA as a backpressured Readable, and trailers.
import { Readable } from 'node:stream';
import {
  HTTP3_FRAME, Http3FrameError, QpackDecodeError, createHttp3FrameReader, encodeFieldSection, encodeHttp3Frame, http3ErrorName,
  type Http3FrameItem, type QpackFieldSection,
} from '../../codec/index.js';
import { QurlError } from '../../errors/index.js';
import { redactCredentials, type HeaderList } from '../../trace/index.js';
import type { QuicSession } from '../connect/index.js';
import type { RequestBody, RequestHead, ResponseHead, ResponseStream, StreamContext } from '../protocol-connection.js';
import { renderHead, toRequestFields } from '../request-fields.js';
import { H3_ERROR } from './h3-error-codes.js';
import { describeClose } from './close-reason.js';
import { failAfterDrain } from '../fail-after-drain.js';
import { pumpRequestBody, type BodyPump, type BodyTarget } from '../request-body-pump.js';
import { traceBytes, traceFrame, type H3FrameTrace } from './h3-frame-trace.js';

const BODY_HIGH_WATER = 1 << 20;
/** A HEADERS frame above this is refused; DATA frames are never buffered whole. */
const MAX_HEADERS_FRAME = 256 * 1024;

export interface H3Shared {
  readonly session: QuicSession;
  readonly connId: number;
  decodeFields(streamId: number, block: Uint8Array): QpackFieldSection;
  /** The id of the server's GOAWAY, if one came: streams at or above it are not processed. */
  goawayId(): number | null;
  /** Calls `listener` with the id of each GOAWAY the server sends; the result stops listening. */
  onGoaway(listener: (id: number) => void): () => void;
}

type State = 'head' | 'body' | 'trailers' | 'done';

/** Control-stream frames, and PUSH_PROMISE (qurl never allows pushes): H3_FRAME_UNEXPECTED here (RFC 9114 §7.2). */
const NOT_ON_REQUEST_STREAMS: ReadonlySet<number> = new Set([
  HTTP3_FRAME.CANCEL_PUSH, HTTP3_FRAME.SETTINGS, HTTP3_FRAME.PUSH_PROMISE, HTTP3_FRAME.GOAWAY, HTTP3_FRAME.MAX_PUSH_ID,
]);

function statusOf(fields: HeaderList): number {
  const status = fields.find(([n]) => n === ':status')?.[1];
  if (!status || !/^\d{3}$/.test(status)) throw new QurlError('h3', `HTTP/3 response without a valid :status (${status ?? 'none'})`);
  return Number(status);
}

/** A request body as DATA frames on its stream; a failing source cancels only this stream (H3_REQUEST_CANCELLED). */
function bodyTarget(session: QuicSession, id: number, frames: H3FrameTrace): BodyTarget {
  return {
    write(chunk) {
      traceFrame(frames, 'send', id, { kind: 'data', length: chunk.length, chunk, isFirst: true, isLast: true });
      const frame = encodeHttp3Frame(HTTP3_FRAME.DATA, chunk);
      traceBytes(frames, 'send', id, frame);
      return session.write(id, frame, false);
    },
    drained: () => new Promise((resolve) => session.onDrain(id, resolve)),
    end: () => void session.write(id, new Uint8Array(0), true),
    cancel: () => session.abortStream(id, H3_ERROR.REQUEST_CANCELLED),
  };
}

export function sendRequest(shared: H3Shared, head: RequestHead, body: RequestBody | null, ctx: StreamContext): Promise<ResponseStream> {
  const { session, connId } = shared;
  const id = session.openStream('bidi');
  const fields = toRequestFields(head, 'https', body?.length ?? null);
  ctx.timings.mark('pretransfer');
  ctx.trace.emit({ type: 'request-head', source: 'h3', connId, streamId: id, method: head.method, target: head.target, version: '3', headers: redactCredentials(fields) });
  const frames: H3FrameTrace = { trace: () => ctx.trace, connId };
  const block = encodeFieldSection(fields);
  const headers = encodeHttp3Frame(HTTP3_FRAME.HEADERS, block);
  traceFrame(frames, 'send', id, { kind: 'frame', type: HTTP3_FRAME.HEADERS, length: block.length, payload: block });
  session.write(id, headers, body === null);
  traceBytes(frames, 'send', id, headers);
  let pump: BodyPump | null = null;

  return new Promise<ResponseStream>((resolve, reject) => {
    const reader = createHttp3FrameReader({ maxFramePayload: MAX_HEADERS_FRAME });
    const informational: Uint8Array[] = [];
    let state: State = 'head';
    let resolveTrailers!: (t: HeaderList) => void;
    const trailers = new Promise<HeaderList>((r) => (resolveTrailers = r));
    const responseBody = new Readable({
      highWaterMark: BODY_HIGH_WATER,
      read: () => session.resume(id),
      destroy(err, callback) {
        if (state !== 'done') session.abortStream(id, H3_ERROR.REQUEST_CANCELLED);
        state = 'done';
        pump?.stop();
        stopGoaway();
        resolveTrailers([]);
        callback(err);
      },
    });

    // The engine attaches its pipeline after the head resolves; until then an error must not go unheard.
    responseBody.on('error', () => {});

    const fail = (err: QurlError, code: number | null): void => {
      if (code !== null) session.abortStream(id, code);
      if (state === 'head') reject(err);
      else if (state !== 'done') failAfterDrain(responseBody, err);
      state = 'done';
      pump?.stop();
      stopGoaway();
      ctx.signal.removeEventListener('abort', onAbort);
    };
    const stopGoaway = shared.onGoaway((goaway) => {
      if (state === 'head' && id >= goaway) fail(new QurlError('h3-refused', `HTTP/3 stream ${id} was not processed by the server (GOAWAY ${goaway})`), H3_ERROR.REQUEST_CANCELLED);
    });
    const onAbort = (): void => fail(ctx.signal.reason as QurlError, H3_ERROR.REQUEST_CANCELLED);
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    const onHeaders = (decoded: HeaderList): void => {
      if (state === 'body' || state === 'trailers') {
        state = 'trailers';
        resolveTrailers(decoded.filter(([n]) => !n.startsWith(':')));
        return;
      }
      const status = statusOf(decoded);
      const list = decoded.filter(([n]) => !n.startsWith(':'));
      const raw = renderHead('3', status, list);
      if (informational.length === 0) ctx.timings.mark('starttransfer');
      ctx.trace.emit({ type: 'response-head', source: 'h3', connId, streamId: id, version: '3', status, statusText: '', headers: list, raw });
      if (status < 200) {
        informational.push(raw);
        return;
      }
      state = 'body';
      const response: ResponseHead = { version: '3', status, statusText: '', headers: list, raw, informational };
      resolve({ head: response, body: responseBody, trailers, requestHeadBytes: headers.length, bodyError: (err) => toQurlH3Error(err) });
    };

    const onItem = (item: Http3FrameItem): void => {
      if (item.kind === 'frame' && item.type === HTTP3_FRAME.HEADERS) {
        const section = shared.decodeFields(id, item.payload);
        traceFrame(frames, 'recv', id, item, section);
        return onHeaders(section.fields.map((f) => [f.name, f.value] as const));
      }
      traceFrame(frames, 'recv', id, item);
      if (item.kind === 'data') {
        if (state !== 'body') throw new QurlError('h3', `HTTP/3 error: DATA on stream ${id} ${state === 'head' ? 'before the response HEADERS' : 'after the trailers'} (H3_FRAME_UNEXPECTED)`);
        if (item.chunk.length > 0 && !responseBody.push(item.chunk)) session.pause(id);
        return;
      }
      if (NOT_ON_REQUEST_STREAMS.has(item.type)) {
        throw new QurlError('h3', `HTTP/3 error: frame type 0x${item.type.toString(16)} is not allowed on a request stream (H3_FRAME_UNEXPECTED)`);
      }
      // Unknown and reserved frame types are ignored (RFC 9114 §9).
    };

    session.setReader(id, {
      onData(chunk, fin) {
        if (state === 'done') return;
        traceBytes(frames, 'recv', id, chunk);
        try {
          for (const item of reader.push(chunk)) onItem(item);
          if (!fin) return;
          reader.end();
        } catch (err) {
          fail(toQurlH3Error(err), codeFor(err));
          return;
        }
        if (state === 'head') return fail(new QurlError('h3', `HTTP/3 stream ${id} ended before a response arrived`), null);
        ctx.signal.removeEventListener('abort', onAbort);
        resolveTrailers([]);
        state = 'done';
        pump?.stop();
        stopGoaway();
        responseBody.push(null);
      },
      onError(message, code, closed) {
        if (state === 'done') return;
        const goaway = shared.goawayId();
        if (state === 'head' && (code === H3_ERROR.REQUEST_REJECTED || (goaway !== null && id >= goaway))) {
          return fail(new QurlError('h3-refused', `HTTP/3 stream ${id} was not processed by the server (${code === H3_ERROR.REQUEST_REJECTED ? 'H3_REQUEST_REJECTED' : `GOAWAY ${goaway}`})`), null);
        }
        if (closed) return fail(new QurlError(state === 'head' ? 'h3-closed' : 'h3', describeClose(closed)), null);
        const detail = code === null ? message : `${message} with ${http3ErrorName(code)} (0x${code.toString(16)})`;
        fail(new QurlError('h3', `HTTP/3 error: ${detail}`, code === null ? {} : { context: { streamReset: { protocol: 'h3', code, name: http3ErrorName(code) } } }), null);
      },
    });
    if (body) pump = pumpRequestBody(body, bodyTarget(session, id, frames), ctx.bodySent, (err) => fail(err, null));
  });
}

function codeFor(err: unknown): number {
  if (err instanceof QpackDecodeError) return H3_ERROR.QPACK_DECOMPRESSION_FAILED;
  if (err instanceof Http3FrameError) return H3_ERROR.FRAME_ERROR;
  return H3_ERROR.MESSAGE_ERROR;
}

function toQurlH3Error(err: unknown): QurlError {
  if (err instanceof QurlError) return err;
  if (err instanceof QpackDecodeError) return new QurlError('h3', `HTTP/3 error: the server's QPACK field section does not decode: ${err.message}`, { cause: err });
  if (err instanceof Http3FrameError) return new QurlError('h3', `HTTP/3 error: malformed frame from the server: ${err.message}`, { cause: err });
  return new QurlError('h3', `HTTP/3 error: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}
