// Http2Connection: node:http2 (nghttp2) driven over the socket our connection chain produced; qurl decides pooling.
import { constants, type ClientHttp2Session, type ClientHttp2Stream, type Settings } from 'node:http2';
import type { Duplex } from 'node:stream';
import { QurlError } from '../../errors/index.js';
import { redactCredentials, type HeaderList, type TransferTrace } from '../../trace/index.js';
import { streamOf, toTlsReceiveError, type ConnectionChain } from '../connect/index.js';
import type { KeepaliveSettings } from '../protocol-connection.js';
import { startKeepalive } from './h2-keepalive.js';
import type { ProtocolConnection, RequestBody, RequestHead, ResponseStream, StreamContext } from '../protocol-connection.js';
import { h2ErrorName, toH2Error, toSessionError } from './h2-errors.js';
import { drainedOrClosed, pumpRequestBody, type BodyTarget } from '../request-body-pump.js';
import { receiveResponse } from './h2-response.js';
import { createH2FrameTap, watchGoawaySent, type GoawaySent } from './h2-frame-tap.js';
import { toH2RequestHeaders } from './h2-headers.js';
import { tapStream } from './tapped-stream.js';
import { createStreamSlots } from '../stream-slots.js';

type Http2Module = typeof import('node:http2');

/**
 * node:http2 keeps nghttp2's 64 KiB windows, so a download waits a round trip for every 64 KiB: qurl offers a
 * 4 MiB stream window and a 32 MiB connection window, as curl offers 10 MiB (1 GiB from nghttpd, 2026-12-03:
 * Node 20 2.1 s → 1.4 s, Node 22 1.7 → 0.97 s, Node 24 1.7 → 0.87 s; peak RSS +5–10 MB).
 */
const STREAM_WINDOW = 4 * 1024 * 1024;
const CONNECTION_WINDOW = 32 * 1024 * 1024;

function waitForSession(session: ClientHttp2Session, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (err: unknown): void => {
      cleanup();
      reject(signal.aborted ? signal.reason : toSessionError(err));
    };
    const ok = (): void => {
      cleanup();
      resolve();
    };
    const cleanup = (): void => {
      session.off('remoteSettings', ok);
      session.off('error', fail);
      signal.removeEventListener('abort', fail);
    };
    session.once('remoteSettings', ok);
    session.once('error', fail);
    signal.addEventListener('abort', fail, { once: true });
  });
}

/** Node 20 goes silent after nghttp2 sent a fatal GOAWAY; 22 and later report it as a session error. */
const NEEDS_GOAWAY_WATCH = Number(process.versions.node.split('.')[0]) < 22;

/**
 * The tap costs a JS stream between socket and nghttp2, so it is there only when a view wants frames or bytes
 * (or, on Node 20, to see a fatal GOAWAY nghttp2 sent).
 */
function socketFor(chain: ConnectionChain, trace: () => TransferTrace, onGoawaySent: GoawaySent): Duplex {
  const t = trace();
  const traced = t.wants('frame') || t.wants('data');
  if (!traced && !NEEDS_GOAWAY_WATCH) return streamOf(chain);
  const frames = traced ? createH2FrameTap(trace, chain.connId, onGoawaySent) : watchGoawaySent(onGoawaySent);
  return tapStream(streamOf(chain), (direction, bytes) => {
    frames.observe(direction, bytes);
    if (!traced) return;
    const current = trace();
    if (current.wants('data')) current.emit({ type: 'data', source: 'h2', connId: chain.connId, direction, kind: 'raw', bytes });
  });
}

/** RFC 9113 §6.5.2: the peer's SETTINGS_MAX_HEADER_LIST_SIZE counts name + value + 32 per field. */
function checkHeaderListSize(list: HeaderList, limit: number | undefined): QurlError | null {
  if (limit === undefined) return null;
  let size = 0;
  for (let i = 0; i < list.length; i++) size += Buffer.byteLength(list[i]![0]) + Buffer.byteLength(list[i]![1]) + 32;
  if (size <= limit) return null;
  return new QurlError('h2', `request headers are ${size} bytes, over the server's SETTINGS_MAX_HEADER_LIST_SIZE of ${limit}; nothing was sent (send fewer or smaller headers)`);
}

/**
 * A request body into one stream; a failing source resets only this stream (RST_STREAM CANCEL). The stream is
 * opened with waitForTrailers, because node:http2 ends the sending side before it resets a stream: without it that
 * end is an END_STREAM, and the server sees a complete (short) request before the RST_STREAM. With it, END_STREAM
 * goes out only once the body is whole (sendTrailers({}) sends an empty DATA frame with END_STREAM).
 */
function bodyTarget(req: ClientHttp2Stream): BodyTarget {
  let failed = false;
  req.once('wantTrailers', () => {
    if (!failed) req.sendTrailers({});
  });
  return {
    write: (chunk) => req.write(chunk),
    drained: () => drainedOrClosed(req),
    end: () => req.end(),
    cancel: () => {
      failed = true;
      req.close(constants.NGHTTP2_CANCEL);
    },
  };
}

export interface Http2Options {
  readonly scheme: 'http' | 'https';
  /** Bounds the wait for the server's SETTINGS. */
  readonly signal: AbortSignal;
  readonly trace: TransferTrace;
  readonly keepalive: KeepaliveSettings;
}

export async function createHttp2Connection(chain: ConnectionChain, options: Http2Options): Promise<ProtocolConnection> {
  const { scheme, signal, trace } = options;
  const http2: Http2Module = await import('node:http2');
  let closed = false;
  // session.remoteSettings asks nghttp2 and builds a new object on every read: read it once per SETTINGS frame.
  let peer: Settings = {};
  const slots = createStreamSlots(() => peer.maxConcurrentStreams ?? 100);
  // Connection-level frames are reported to the transfer that used the connection last.
  let currentTrace = trace;
  // What ended the connection, when it was an error: it explains every stream that ends with it.
  let connectionError: QurlError | null = null;
  // Over the tap (and Node 20's plain path), node:http2 does not tear the session down after nghttp2 sent a
  // fatal GOAWAY; do it here.
  const socket = socketFor(chain, () => currentTrace, (errorCode) => {
    closed = true;
    if (errorCode === 0) return;
    const err = new QurlError('h2', `HTTP/2 error: the server broke the protocol, connection closed with ${h2ErrorName(errorCode)} (err ${errorCode})`);
    connectionError ??= err;
    setImmediate(() => session.destroy(err));
  });
  const session: ClientHttp2Session = http2.connect(`${scheme}://qurl.invalid`, {
    createConnection: () => socket as never,
    settings: { enablePush: false, initialWindowSize: STREAM_WINDOW },
  });
  // A TLS alert after the handshake reaches node:http2 only as a failed write (EPIPE): the socket says more.
  let tlsError: QurlError | null = null;
  streamOf(chain).on('error', (err) => (tlsError ??= toTlsReceiveError(err)));
  session.on('error', (err) => {
    closed = true;
    connectionError ??= tlsError ?? toSessionError(err);
  });
  session.on('goaway', () => {
    closed = true;
  });
  session.on('close', () => {
    closed = true;
  });
  session.on('remoteSettings', (settings) => (peer = settings));
  await waitForSession(session, signal);
  // Only once the server spoke HTTP/2: a WINDOW_UPDATE to a server that did not would turn its refusal into a send error.
  // A server that broke the protocol in the same read as its SETTINGS has the session destroyed already.
  if (!session.destroyed) session.setLocalWindowSize(CONNECTION_WINDOW);
  startKeepalive(session, options.keepalive, () => {
    closed = true;
    const seconds = options.keepalive.timeoutMs / 1000;
    currentTrace.emit({ type: 'info', source: 'h2', connId: chain.connId, message: `PING not acknowledged within ${seconds} s: connection #${chain.connId} retired` });
    session.destroy(new QurlError('h2-ping-timeout', `HTTP/2 connection #${chain.connId} did not answer a PING within ${seconds} s (--h2-keepalive-timeout)`));
  });

  const canTakeStream = (): boolean => !closed && !session.closed && slots.hasRoom();
  return {
    version: '2',
    chain,
    canTakeStream,
    reserveStream: () => canTakeStream() && slots.reserve(),
    isClosed: () => closed || session.closed || session.destroyed,
    close() {
      closed = true;
      // destroy() alone: it sends its own GOAWAY (NO_ERROR), and close() before it would send a second.
      session.destroy();
      chain.close();
    },
    openStream(head: RequestHead, body: RequestBody | null, ctx: StreamContext): Promise<ResponseStream> {
      currentTrace = ctx.trace;
      if (closed || session.closed || session.destroyed) return Promise.reject(connectionError ?? new QurlError('h2', 'HTTP/2 connection already closed'));
      const { list, object } = toH2RequestHeaders(head, scheme, body?.length ?? null);
      const tooLarge = checkHeaderListSize(list, peer.maxHeaderListSize);
      if (tooLarge) return Promise.reject(tooLarge);
      ctx.timings.mark('pretransfer');
      if (ctx.trace.wants('request-head')) ctx.trace.emit({ type: 'request-head', source: 'h2', connId: chain.connId, method: head.method, target: head.target, version: '2', headers: redactCredentials(list) });
      let req: ClientHttp2Stream;
      try {
        req = session.request(object, body === null ? { endStream: true } : { endStream: false, waitForTrailers: true });
      } catch (err) {
        closed = true;
        return Promise.reject(toH2Error(err));
      }
      req.once('close', slots.open());
      const waiter = receiveResponse(req, ctx, { connId: chain.connId, connectionError: () => connectionError });
      if (body) req.once('close', pumpRequestBody(body, bodyTarget(req), ctx.bodySent, waiter.fail).stop);
      return waiter.response;
    },
  };
}
