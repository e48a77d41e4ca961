// Turns a bad HTTP/1.x reply into a QurlError with curl's exit code: what the wire tap found wrong with a head
// (1 for a reply that is not HTTP, 8 for a weird one), and undici's errors (52 empty reply, 18 partial, 56
// receive, 8 weird), classified by their codes.
import { QurlError, errorCode } from '../../errors/index.js';
import type { WireProblem } from './h1-wire-tap.js';
import { toTlsReceiveError } from '../connect/index.js';

export interface ExchangeProgress {
  readonly bytesReceived: number;
  readonly headReceived: boolean;
  readonly expectedLength: number | null;
  readonly bodyReceived: number;
}

export function toWireError(problem: WireProblem): QurlError {
  switch (problem.kind) {
    case 'not-http':
      return new QurlError('unsupported-protocol', `Received HTTP/0.9 when not allowed: ${problem.message}`);
    case 'bad-status':
      return new QurlError('unsupported-protocol', `Unsupported response code in HTTP response: ${problem.message}`);
    case 'too-large':
    case 'line-too-long':
      return new QurlError('recv', problem.message);
    default:
      return new QurlError('weird-reply', `Weird server reply: ${problem.message}`);
  }
}

type ReasonKind = 'unsupported-protocol' | 'weird-reply' | 'recv';

/**
 * llhttp's reasons, as a person would put them, with curl's code for each. undici's HTTPParserError carries no
 * code in this build, only the parser's reason in its message, so this one table reads it (the HTTP/1.1 engine
 * of issue 11 replaces it).
 */
const PARSER_REASONS: Readonly<Record<string, readonly [ReasonKind, string]>> = {
  'Expected HTTP/, RTSP/ or ICE/': ['unsupported-protocol', 'Received HTTP/0.9 when not allowed: the reply does not start with an HTTP status line'],
  'Invalid status code': ['unsupported-protocol', 'Unsupported response code in HTTP response'],
  'Missing expected CR after response line': ['weird-reply', 'the status line ends in a bare LF (qurl\'s HTTP/1.1 client does not accept bare-LF heads yet)'],
  'Missing expected CR after header value': ['weird-reply', 'a header line ends in a bare LF (qurl\'s HTTP/1.1 client does not accept bare-LF heads yet)'],
  'Missing expected LF after header value': ['weird-reply', 'a CR without LF in the response head'],
  'Invalid header token': ['weird-reply', 'a header line without a colon, or with a name that is not a token'],
  'Invalid header value char': ['weird-reply', 'a control character in a header value'],
  'Invalid character in Content-Length': ['weird-reply', 'invalid Content-Length value'],
  'Duplicate Content-Length': ['weird-reply', 'Content-Length sent more than once'],
  'Invalid character in chunk size': ['recv', 'Illegal or missing hexadecimal sequence in chunked-encoding'],
};

const PREFIX: Readonly<Record<ReasonKind, string>> = {
  'unsupported-protocol': '',
  'weird-reply': 'Weird server reply: ',
  recv: 'Failure when receiving data from the peer: ',
};

function parserError(err: unknown, detail: string): QurlError | null {
  if (!(err instanceof Error) || err.name !== 'HTTPParserError') return null;
  const reason = /\(([^()]+)\)$/.exec(detail)?.[1] ?? detail;
  const [kind, text] = PARSER_REASONS[reason] ?? ['weird-reply', reason];
  return new QurlError(kind, `${PREFIX[kind]}${text}`, { cause: err });
}

export function toH1Error(err: unknown, progress: ExchangeProgress): QurlError {
  if (err instanceof QurlError) return err;
  const code = errorCode(err) ?? '';
  const detail = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error ? errorCode(err.cause) ?? '' : '';
  const parsed = parserError(err, detail);
  if (parsed) return parsed;
  if (code === 'UND_ERR_INFO') return new QurlError('weird-reply', `Weird server reply: ${detail}`, { cause: err });
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return new QurlError('weird-reply', 'Weird server reply: the body does not match Content-Length (sent more than once?)', { cause: err });
  }
  if (code === 'UND_ERR_INVALID_ARG') {
    return new QurlError('bad-option', `Cannot send this request over HTTP/1.1: ${detail}`, { cause: err });
  }
  const tls = toTlsReceiveError(err);
  if (tls) return tls;
  const reset = code === 'ECONNRESET' || cause === 'ECONNRESET';
  if (!progress.headReceived) {
    if (progress.bytesReceived === 0) {
      return reset
        ? new QurlError('reset-before-reply', 'Recv failure: Connection reset by peer', { cause: err })
        : new QurlError('empty-reply', 'Empty reply from server', { cause: err });
    }
    return new QurlError('recv', `Failure when receiving data from the peer: connection closed inside the response head (${detail})`, { cause: err });
  }
  if (progress.expectedLength !== null && progress.bodyReceived < progress.expectedLength) {
    const missing = progress.expectedLength - progress.bodyReceived;
    return new QurlError('partial-file', `transfer closed with ${missing} bytes remaining to read`, { cause: err });
  }
  if (code === 'UND_ERR_SOCKET' || reset) {
    return new QurlError('partial-file', `transfer closed with outstanding read data remaining (${detail})`, { cause: err });
  }
  return new QurlError('recv', `Failure when receiving data from the peer: ${detail}`, { cause: err });
}
