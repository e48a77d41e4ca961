// Turns undici's errors into QurlErrors with curl's exit codes (52 empty reply, 18 partial, 56 receive, 8 weird).
import { QurlError, errorCode } from '../../errors/index.js';

export interface ExchangeProgress {
  readonly bytesReceived: number;
  readonly headReceived: boolean;
  readonly expectedLength: number | null;
  readonly bodyReceived: number;
}

export function toH1Error(err: unknown, progress: ExchangeProgress): QurlError {
  if (err instanceof QurlError) return err;
  const code = errorCode(err) ?? '';
  const detail = err instanceof Error ? err.message : String(err);
  if (code.startsWith('HPE_') || code === 'UND_ERR_INFO' || detail.includes('bad response')) {
    return new QurlError('weird-reply', `Weird server reply: ${detail}`, { cause: err });
  }
  if (code === 'UND_ERR_HEADERS_OVERFLOW') {
    return new QurlError('recv', 'The server sent response headers larger than 256 KiB', { cause: err });
  }
  if (code === 'UND_ERR_INVALID_ARG') {
    return new QurlError('bad-option', `Cannot send this request over HTTP/1.1: ${detail}`, { cause: err });
  }
  if (code.startsWith('ERR_SSL_')) {
    return new QurlError('recv', `TLS error from the peer while receiving: ${detail}`, { cause: err });
  }
  if (!progress.headReceived) {
    if (progress.bytesReceived === 0) return new QurlError('empty-reply', 'Empty reply from server', { cause: err });
    return new QurlError('recv', `Failure when receiving data from the peer: connection closed inside the response head (${detail})`, { cause: err });
  }
  if (progress.expectedLength !== null && progress.bodyReceived < progress.expectedLength) {
    const missing = progress.expectedLength - progress.bodyReceived;
    return new QurlError('partial-file', `transfer closed with ${missing} bytes remaining to read`, { cause: err });
  }
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') {
    return new QurlError('partial-file', `transfer closed with outstanding read data remaining (${detail})`, { cause: err });
  }
  return new QurlError('recv', `Failure when receiving data from the peer: ${detail}`, { cause: err });
}
