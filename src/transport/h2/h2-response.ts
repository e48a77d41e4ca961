// Waits for one HTTP/2 stream's response: interim heads, the final head, trailers, resets, aborts.
import { constants, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import { QurlError } from '../../errors/index.js';
import type { HeaderList } from '../../trace/index.js';
import type { ResponseHead, ResponseStream, StreamContext } from '../protocol-connection.js';
import { streamResetError, toH2Error } from './h2-errors.js';
import { renderHead } from '../request-fields.js';
import { fromRawHeaders } from './h2-headers.js';

function headersFromEvent(headers: IncomingHttpHeaders, raw: readonly string[] | undefined): HeaderList {
  if (raw && raw.length > 0) return fromRawHeaders(raw);
  return Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as const) : v === undefined ? [] : [[k, String(v)] as const]));
}

/** Our own reasons (a retired connection) first, then the peer's RST_STREAM code, then node:http2's error. */
function streamError(req: ClientHttp2Stream, err: unknown): QurlError {
  if (err instanceof QurlError) return err;
  return req.rstCode ? streamResetError(req.id, req.rstCode) : toH2Error(err);
}

/** Resolves with the final response head; rejects with a QurlError if the stream ends before one. */
export function receiveResponse(req: ClientHttp2Stream, ctx: StreamContext, connId: number): Promise<ResponseStream> {
  return new Promise<ResponseStream>((resolve, reject) => {
    const informational: Uint8Array[] = [];
    let answered = false;
    const onAbort = (): void => {
      req.close(constants.NGHTTP2_CANCEL);
      req.destroy(ctx.signal.reason as Error);
      if (!answered) reject(ctx.signal.reason);
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    req.once('close', () => ctx.signal.removeEventListener('abort', onAbort));
    req.on('headers', (headers, _flags, raw?: string[]) => {
      const fields = headersFromEvent(headers, raw);
      const bytes = renderHead('2', Number(headers[':status']), fields);
      informational.push(bytes);
      ctx.trace.emit({ type: 'response-head', source: 'h2', connId: connId, streamId: req.id, version: '2', status: Number(headers[':status']), statusText: '', headers: fields.filter(([n]) => !n.startsWith(':')), raw: bytes });
    });
    req.once('response', (headers, _flags, raw?: string[]) => {
      answered = true;
      ctx.timings.mark('starttransfer');
      const status = Number(headers[':status']);
      const fields = headersFromEvent(headers, raw).filter(([n]) => !n.startsWith(':'));
      const response: ResponseHead = { version: '2', status, statusText: '', headers: fields, raw: renderHead('2', status, fields), informational };
      ctx.trace.emit({ type: 'response-head', source: 'h2', connId: connId, streamId: req.id, version: '2', status, statusText: '', headers: fields, raw: response.raw });
      const trailers = new Promise<readonly (readonly [string, string])[]>((done) => {
        req.once('trailers', (t, _f, rawT?: string[]) => done(headersFromEvent(t, rawT)));
        req.once('end', () => setImmediate(() => done([])));
      });
      resolve({
        head: response,
        body: req,
        trailers,
        requestHeadBytes: 0,
        bodyError: (err) => streamError(req, err),
      });
    });
    req.once('close', () => {
      if (req.rstCode && req.rstCode !== constants.NGHTTP2_NO_ERROR && req.rstCode !== constants.NGHTTP2_CANCEL) {
        const err = streamResetError(req.id, req.rstCode);
        if (!answered) reject(err);
        else req.destroy(err);
      } else if (!answered) {
        reject(new QurlError('h2', 'HTTP/2 stream closed before a response arrived'));
      }
    });
    req.on('error', (err) => {
      if (!answered) reject(streamError(req, err));
    });
  });
}
