// A failed HTTP/1.x exchange as a QurlError with curl's exit code: what the parser found wrong with the reply
// (1 not HTTP, 8 weird, 56 bad chunking, 52 empty, 18 cut short) and socket failures by when they happened.
import { QurlError, errorCode } from '../../errors/index.js';
import { Http1ParseError } from '../../codec/index.js';
import { toTlsReceiveError } from '../connect/index.js';

export interface ExchangeProgress {
  readonly bytesReceived: number;
  readonly headReceived: boolean;
  readonly expectedLength: number | null;
  readonly bodyReceived: number;
}

export function toParseError(err: unknown, progress: ExchangeProgress): QurlError {
  if (!(err instanceof Http1ParseError)) return toH1Error(err, progress);
  switch (err.kind) {
    case 'not-http':
      return new QurlError('unsupported-protocol', `Received HTTP/0.9 when not allowed: ${err.message}`, { cause: err });
    case 'bad-status':
      return new QurlError('unsupported-protocol', `Unsupported response code in HTTP response: ${err.message}`, { cause: err });
    case 'empty':
      return new QurlError('empty-reply', err.message, { cause: err });
    case 'body-cut':
      return new QurlError('partial-file', err.message, { cause: err });
    case 'too-large':
    case 'line-too-long':
      return new QurlError('recv', err.message, { cause: err });
    case 'head-cut':
    case 'bad-chunk':
    case 'bad-chunk-end':
    case 'bad-trailer':
      return new QurlError('recv', `Failure when receiving data from the peer: ${err.message}`, { cause: err });
    default:
      return new QurlError('weird-reply', `Weird server reply: ${err.message}`, { cause: err });
  }
}

/** A socket failure (or an abort) during the exchange. */
export function toH1Error(err: unknown, progress: ExchangeProgress): QurlError {
  if (err instanceof QurlError) return err;
  const tls = toTlsReceiveError(err);
  if (tls) return tls;
  const detail = err instanceof Error ? err.message : String(err);
  const reset = errorCode(err) === 'ECONNRESET';
  if (!progress.headReceived) {
    if (progress.bytesReceived === 0) {
      return reset
        ? new QurlError('reset-before-reply', 'Recv failure: Connection reset by peer', { cause: err })
        : new QurlError('empty-reply', 'Empty reply from server', { cause: err });
    }
    return new QurlError('recv', `Failure when receiving data from the peer: connection closed inside the response head (${detail})`, { cause: err });
  }
  if (progress.expectedLength !== null && progress.bodyReceived < progress.expectedLength) {
    return new QurlError('partial-file', `transfer closed with ${progress.expectedLength - progress.bodyReceived} bytes remaining to read`, { cause: err });
  }
  if (reset) return new QurlError('partial-file', `transfer closed with outstanding read data remaining (${detail})`, { cause: err });
  return new QurlError('recv', `Failure when receiving data from the peer: ${detail}`, { cause: err });
}
