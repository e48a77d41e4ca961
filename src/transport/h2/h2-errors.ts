// HTTP/2 failures as curl reports them: 16 for the connection, 92 for one stream.
import { constants } from 'node:http2';
import { QurlError, errorCode } from '../../errors/index.js';

const ERROR_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(constants)
    .filter(([k]) => k.startsWith('NGHTTP2_') && !k.startsWith('NGHTTP2_ERR') && /_(ERROR|PROTOCOL|STREAM|CANCEL|CALM|REFUSED_STREAM|HTTP_1_1_REQUIRED|NO_ERROR|SECURITY|CONNECT_ERROR|COMPRESSION_ERROR|FLOW_CONTROL_ERROR|SETTINGS_TIMEOUT|STREAM_CLOSED|FRAME_SIZE_ERROR|INTERNAL_ERROR)$/.test(k))
    .map(([k, v]) => [v as number, k.replace('NGHTTP2_', '')]),
);

export function h2ErrorName(code: number): string {
  return ERROR_NAMES[code] ?? `0x${code.toString(16)}`;
}

const REFUSED_STREAM = constants.NGHTTP2_REFUSED_STREAM;

export function streamResetError(streamId: number | undefined, code: number): QurlError {
  const kind = code === REFUSED_STREAM ? 'h2-refused' : 'h2-stream';
  return new QurlError(kind, `HTTP/2 stream ${streamId ?? '?'} was not closed cleanly: ${h2ErrorName(code)} (err ${code})`, {
    context: { streamReset: { protocol: 'h2', code, name: h2ErrorName(code) } },
  });
}

export function toH2Error(err: unknown): QurlError {
  if (err instanceof QurlError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  const code = errorCode(err);
  if (code === 'ERR_HTTP2_GOAWAY_SESSION' || code === 'ERR_HTTP2_INVALID_SESSION') {
    return new QurlError('h2-refused', `HTTP/2 connection is going away, request not sent: ${detail}`, { cause: err });
  }
  if (code === 'ERR_HTTP2_STREAM_ERROR') return new QurlError('h2-stream', `HTTP/2 stream error: ${detail}`, { cause: err });
  return new QurlError('h2', `HTTP/2 error: ${detail}`, { cause: err });
}

/** What ended a whole connection, as curl's 16: nghttp2 found the server breaking the protocol, or the socket failed. */
export function toSessionError(err: unknown): QurlError {
  if (err instanceof QurlError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  if (errorCode(err) === 'ERR_HTTP2_ERROR') {
    return new QurlError('h2', `HTTP/2 error: the server broke the protocol (nghttp2: ${detail}); connection closed`, { cause: err });
  }
  // The socket failed under the session: curl's send (55) and receive (56) errors.
  if (errorCode(err) === 'EPIPE') return new QurlError('send', `Failed sending data to the peer: the server closed the connection (${detail})`, { cause: err });
  if (errorCode(err) === 'ECONNRESET') return new QurlError('recv', `Recv failure: Connection reset by peer`, { cause: err });
  return toH2Error(err);
}
