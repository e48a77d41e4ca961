// Http1Connection: one undici Client fed the socket our connection chain produced (HTTP/1.0 and 1.1).
import { Readable, type Duplex } from 'node:stream';
import Client from 'undici/lib/dispatcher/client.js';
import { headerValue, type HeaderList } from '../../trace/index.js';
import { streamOf, type ConnectionChain } from '../connect/index.js';
import type {
  ProtocolConnection,
  RequestBody,
  RequestHead,
  ResponseHead,
  ResponseStream,
  StreamContext,
} from '../protocol-connection.js';
import { tapH1Wire, type H1WireTap } from './h1-wire-tap.js';
import { toH1Error, toWireError } from './undici-errors.js';
import { readRequestBody } from '../request-body-pump.js';

export interface Http1Options {
  /** Send `HTTP/1.0` on the request line (undici only writes 1.1) and close after one exchange. */
  readonly http10: boolean;
}

const BODY_HIGH_WATER = 256 * 1024;

/** undici writes `HTTP/1.1` on every request line; --http1.0 rewrites that one token of the head write. */
function downgradeRequestLine(socket: Duplex): void {
  const write = socket.write;
  socket.write = function (this: typeof socket, ...args: unknown[]): boolean {
    if (typeof args[0] === 'string') args[0] = args[0].replace(/^([^\r\n]*) HTTP\/1\.1\r\n/, '$1 HTTP/1.0\r\n');
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof socket.write;
}

function flatten(headers: HeaderList, authority: string): string[] {
  const out = ['Host', authority];
  for (const [k, v] of headers) out.push(k, v);
  return out;
}

function contentLength(head: ResponseHead): number | null {
  const v = headerValue(head.headers, 'content-length');
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
}

export function createHttp1Connection(chain: ConnectionChain, options: Http1Options): ProtocolConnection {
  let handedOut = false;
  let closed = false;
  let busy = false;
  const socket = streamOf(chain);
  const tap: H1WireTap = tapH1Wire(socket);
  // After the tap, so the tap sees the bytes as they go out.
  if (options.http10) downgradeRequestLine(socket);
  const client = new Client('http://qurl.invalid', {
    // undici loses a synchronous callback (its resume loop is not re-entrant), so answer on the next tick.
    connect: (_opts, cb) => {
      const first = !handedOut;
      handedOut = true;
      process.nextTick(() => (first ? cb(null, socket as never) : cb(new Error('connection closed'), null)));
    },
    pipelining: 1,
    headersTimeout: 0,
    bodyTimeout: 0,
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 600_000,
    // The wire tap holds the head to curl's 300 KiB; undici's own bound only has to be looser.
    maxHeaderSize: 512 * 1024,
  });
  const markClosed = (): void => {
    closed = true;
  };
  socket.once('close', markClosed);
  // undici reports a TLS alert after the handshake (a server that wants a client certificate) as 'other side
  // closed'; the socket's own error says what happened.
  let socketError: unknown = null;
  socket.on('error', (err) => (socketError ??= err));
  client.on('disconnect', markClosed);
  const release = (): void => {
    closed = true;
    void client.destroy().catch(() => {});
    chain.close();
  };

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
    openStream(head: RequestHead, body: RequestBody | null, ctx: StreamContext): Promise<ResponseStream> {
      busy = true;
      ctx.timings.mark('pretransfer');
      const progress = { headReceived: false, expectedLength: null as number | null, bodyReceived: 0 };
      const headers = flatten(head.headers, head.authority);
      if (body?.length !== null && body !== null) headers.push('Content-Length', String(body.length));
      return new Promise<ResponseStream>((resolve, reject) => {
        let bodyStream: Readable | undefined;
        let done = false;
        let resumeUndici: (() => void) | undefined;
        let abortUndici: ((err: Error) => void) | undefined;
        let settleTrailers: (t: HeaderList) => void = () => {};
        const trailers = new Promise<HeaderList>((r) => (settleTrailers = r));
        const finish = (): void => {
          busy = false;
          tap.endExchange();
          ctx.signal.removeEventListener('abort', onAbort);
        };
        const fail = (err: unknown): void => {
          if (done) return;
          done = true;
          const qerr = toH1Error(socketError ?? err, { ...progress, bytesReceived: tap.receivedAny() ? 1 : 0 });
          finish();
          // After a failed exchange an HTTP/1.1 connection's state is unknown: it is never used again.
          release();
          if (bodyStream) bodyStream.destroy(qerr);
          else reject(qerr);
        };
        const onAbort = (): void => {
          abortUndici?.(ctx.signal.reason as Error);
          fail(ctx.signal.reason);
        };
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        // A reply the tap finds wrong ends the exchange at once, whatever undici makes of it.
        tap.beginExchange(ctx, chain.connId, (problem) => {
          fail(toWireError(problem));
          abortUndici?.(new Error(problem.message));
        });
        client.dispatch(
          {
            path: head.target,
            method: head.method,
            headers,
            // undici pulls from an async iterable (its types list only streams); a thrown QurlError reaches onError.
            body: body ? (readRequestBody(body, ctx.bodySent) as unknown as Readable) : null,
            reset: options.http10,
          },
          {
            onConnect(abort: (err?: Error) => void) {
              abortUndici = abort;
            },
            onHeaders(statusCode: number, _raw: Buffer[], resume: () => void, statusText: string): boolean {
              if (statusCode < 200) return true;
              const heads = tap.heads();
              const last = heads[heads.length - 1];
              const response: ResponseHead = {
                version: last?.version ?? '1.1',
                status: statusCode,
                statusText: last?.statusText ?? statusText,
                headers: last?.fields ?? [],
                raw: last?.raw ?? new Uint8Array(),
                informational: heads.slice(0, -1).map((h) => h.raw),
              };
              progress.headReceived = true;
              progress.expectedLength = head.method === 'HEAD' ? null : contentLength(response);
              resumeUndici = resume;
              bodyStream = new Readable({
                highWaterMark: BODY_HIGH_WATER,
                read: () => resumeUndici?.(),
                // Abandoning the body mid-way (-f, an error downstream) ends the exchange, and with it the connection.
                destroy: (err, cb) => {
                  if (!done) abortUndici?.(err ?? new Error('response body abandoned'));
                  cb(err);
                },
              });
              resolve({
                head: response,
                body: bodyStream,
                trailers,
                requestHeadBytes: tap.sentHeadBytes(),
                bodyError: (err) => toH1Error(err, { ...progress, bytesReceived: 1 }),
              });
              return true;
            },
            onData(chunk: Buffer): boolean {
              progress.bodyReceived += chunk.length;
              return bodyStream!.push(chunk);
            },
            onComplete(rawTrailers: Buffer[] | null) {
              const list: [string, string][] = [];
              for (let i = 0; rawTrailers && i + 1 < rawTrailers.length; i += 2) {
                list.push([rawTrailers[i]!.toString('latin1'), rawTrailers[i + 1]!.toString('latin1')]);
              }
              if (options.http10) closed = true;
              done = true;
              finish();
              settleTrailers(list);
              bodyStream?.push(null);
            },
            onError(err: Error) {
              fail(err);
            },
          } as never,
        );
      });
    },
  };
}
