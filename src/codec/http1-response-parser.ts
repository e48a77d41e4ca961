// A streaming HTTP/1.x response parser that reads what curl reads (RFC 9112): bare-LF line ends, obsolete line
// folding, interim (1xx) heads, Content-Length, chunked (with extensions and trailers) and close-delimited
// bodies, HTTP/0.9 when allowed. Pure: bytes in, events out; the h1 transport owns the socket.
import { checkFields, checkStatusLine, MAX_HEAD_LINE, type HeadProblem } from './http1-head-check.js';

/** curl 8's bound on a response head (MAX_HTTP_RESP_HEADER_SIZE). */
export const MAX_HEAD_BYTES = 300 * 1024;
/** More interim (1xx) responses than this is a flood, not a conversation. */
export const MAX_INTERIM_HEADS = 1000;
/** A chunk-size line (hex digits and extensions) longer than this is not a chunked body. */
const MAX_CHUNK_LINE = 4096;
/** Hex digits a chunk size may have (curl's CHUNK_MAXNUM_LEN for a 64-bit curl_off_t); more overflows. */
const MAX_CHUNK_DIGITS = 13;

export interface Http1ResponseHead {
  /** '1.0', '1.1', or '0.9' for a reply without a status line (only when allowed). */
  readonly version: string;
  readonly status: number;
  readonly statusText: string;
  /** Field lines in order, folded lines joined with one space, names as sent. */
  readonly fields: readonly (readonly [string, string])[];
  /** The head as received, blank line included (empty for HTTP/0.9). */
  readonly raw: Uint8Array;
}

export type Http1Framing = 'none' | 'length' | 'chunked' | 'close';

export type Http1ParseEvent =
  /** A head: interim (1xx, the exchange goes on) or final. */
  | { readonly type: 'head'; readonly head: Http1ResponseHead; readonly framing: Http1Framing | null; readonly length: number | null }
  | { readonly type: 'body'; readonly bytes: Uint8Array }
  /** The response is complete; `reusable` says whether the connection may carry another exchange. */
  | { readonly type: 'end'; readonly trailers: readonly (readonly [string, string])[]; readonly reusable: boolean };

export type Http1ProblemKind =
  | HeadProblem['kind']
  | 'too-large'
  | 'interim-flood'
  | 'bad-chunk'
  | 'bad-chunk-end'
  | 'bad-trailer'
  /** EOF: nothing at all came back. */
  | 'empty'
  /** EOF inside a head. */
  | 'head-cut'
  /** EOF before the body's announced end (Content-Length or the last chunk). */
  | 'body-cut';

export class Http1ParseError extends Error {
  override readonly name = 'Http1ParseError';
  constructor(
    readonly kind: Http1ProblemKind,
    message: string,
    /** body-cut with a Content-Length: the bytes still missing. */
    readonly remaining: number | null = null,
  ) {
    super(message);
  }
}

export interface Http1ExchangeOptions {
  /** The request's method: a HEAD response has no body whatever it announces. */
  readonly method: string;
  /** --http0.9: a reply without a status line is a body. */
  readonly allowHttp09?: boolean;
  /** --ignore-content-length: read to the end of the connection. */
  readonly ignoreContentLength?: boolean;
  /** --raw: body events carry the chunked framing as received. */
  readonly raw?: boolean;
  /** The request said `Connection: close` (or was HTTP/1.0 without keep-alive): nothing is reused. */
  readonly requestCloses?: boolean;
}

export interface Http1ResponseParser {
  /** Bytes from the connection, in order; throws Http1ParseError at the first thing wrong. */
  push(bytes: Uint8Array): Http1ParseEvent[];
  /** The connection ended: completes a close-delimited body, or throws what was cut short. */
  finish(): Http1ParseEvent[];
  /** Copies what it keeps of the bytes pushed so far: the caller reuses their memory (a shared read buffer). */
  detach(): void;
  /** Bytes that came after the response's end (curl: "Excess found"); the connection is not reused then. */
  readonly excess: number;
  readonly done: boolean;
}

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-data-end' | 'trailers' | 'close' | 'done';

const LF = 0x0a;
const CR = 0x0d;
const HTTP_PREFIX = Buffer.from('HTTP/');

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Index just past the blank line ending a head (CRLF CRLF, or bare LFs), or -1; `from` is where to resume. */
export function findLenientHeadEnd(bytes: Uint8Array, from = 0): number {
  for (let i = bytes.indexOf(LF, from); i >= 0; i = bytes.indexOf(LF, i + 1)) {
    if (bytes[i + 1] === LF) return i + 2;
    if (bytes[i + 1] === CR && bytes[i + 2] === LF) return i + 3;
  }
  return -1;
}

/** Splits a head into lines (LF or CRLF ends), dropping the blank line. */
function headLines(text: string): string[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function unfold(lines: readonly string[]): [string, string][] {
  const fields: [string, string][] = [];
  for (const line of lines) {
    const last = fields[fields.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      last[1] = last[1] === '' ? line.trim() : `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    fields.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return fields;
}

function tokens(fields: readonly (readonly [string, string])[], name: string): string[] {
  return fields
    .filter(([n]) => n.toLowerCase() === name)
    .flatMap(([, v]) => v.split(','))
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
}

function parseHead(raw: Uint8Array): Http1ResponseHead {
  const text = latin1(raw);
  if (text.includes('\0')) throw new Http1ParseError('nul', 'NUL byte in the response head');
  if (/\r(?!\n)/.test(text)) throw new Http1ParseError('bare-cr', 'a CR without LF in the response head');
  const lines = headLines(text);
  const long = lines.find((l) => l.length > MAX_HEAD_LINE);
  if (long) throw new Http1ParseError('line-too-long', `Too large response headers: a line of ${long.length} bytes > ${MAX_HEAD_LINE}`);
  const statusLine = lines[0] ?? '';
  const problem = checkStatusLine(statusLine) ?? checkFields(lines.slice(1));
  if (problem) throw new Http1ParseError(problem.kind, problem.message);
  const m = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/.exec(statusLine)!;
  return { version: m[1]!, status: Number(m[2]), statusText: m[3] ?? '', fields: unfold(lines.slice(1)), raw };
}

/** How the body of a final response ends (RFC 9112 §6.3), and its length when announced. */
function framingOf(head: Http1ResponseHead, options: Http1ExchangeOptions): { framing: Http1Framing; length: number | null; closes: boolean } {
  if (options.method === 'HEAD' || head.status === 204 || head.status === 304) return { framing: 'none', length: null, closes: false };
  const codings = tokens(head.fields, 'transfer-encoding');
  const lengths = tokens(head.fields, 'content-length');
  if (codings.length > 0) {
    // Transfer-Encoding overrides Content-Length; a reply with both is closed afterwards (RFC 9112 §6.3 ¶3).
    if (codings[codings.length - 1] === 'chunked') return { framing: 'chunked', length: null, closes: lengths.length > 0 };
    return { framing: 'close', length: null, closes: true };
  }
  if (lengths.length > 0 && !options.ignoreContentLength) {
    const length = Number(lengths[0]);
    return length === 0 ? { framing: 'none', length: 0, closes: false } : { framing: 'length', length, closes: false };
  }
  return { framing: 'close', length: lengths.length > 0 ? Number(lengths[0]) : null, closes: true };
}

/** May the connection carry another exchange after this response (RFC 9112 §9.3)? */
function persistent(head: Http1ResponseHead, options: Http1ExchangeOptions): boolean {
  if (options.requestCloses) return false;
  const connection = tokens(head.fields, 'connection');
  if (connection.includes('close')) return false;
  return head.version === '1.1' || connection.includes('keep-alive');
}

export function createHttp1ResponseParser(options: Http1ExchangeOptions): Http1ResponseParser {
  let state: State = 'head';
  let pending: Uint8Array = new Uint8Array(0);
  let scanFrom = 0;
  let received = 0;
  let remaining = 0;
  let reusable = false;
  let excess = 0;
  let trailerLines: string[] = [];
  let interim = 0;

  const append = (bytes: Uint8Array): void => {
    if (pending.length === 0) pending = bytes;
    else {
      const joined = new Uint8Array(pending.length + bytes.length);
      joined.set(pending);
      joined.set(bytes, pending.length);
      pending = joined;
    }
  };

  const finishResponse = (events: Http1ParseEvent[]): void => {
    state = 'done';
    events.push({ type: 'end', trailers: unfold(trailerLines), reusable });
  };

  /** A reply that does not start with `HTTP/`: a body (--http0.9), or refused naming its first line. */
  const takeHttp09 = (events: Http1ParseEvent[], atEnd: boolean): boolean => {
    if (!options.allowHttp09) {
      const lf = pending.indexOf(LF);
      if (lf < 0 && !atEnd && pending.length <= MAX_HEAD_LINE) return false;
      const line = latin1(pending.subarray(0, lf < 0 ? Math.min(pending.length, MAX_HEAD_LINE) : lf)).replace(/\r$/, '');
      const problem = checkStatusLine(line)!;
      throw new Http1ParseError(problem.kind, problem.message);
    }
    // No status line, so no status: curl reports 000 as well.
    const head: Http1ResponseHead = { version: '0.9', status: 0, statusText: '', fields: [], raw: new Uint8Array(0) };
    events.push({ type: 'head', head, framing: 'close', length: null });
    state = 'close';
    reusable = false;
    return true;
  };

  /** Looks for a head in `pending`; true when one was taken (and the state moved on). */
  const takeHead = (events: Http1ParseEvent[]): boolean => {
    if (!looksLikeHttp(pending)) return takeHttp09(events, false);
    const end = findLenientHeadEnd(pending, scanFrom);
    if (end < 0) {
      if (pending.length > MAX_HEAD_BYTES) throw new Http1ParseError('too-large', `Too large response headers: ${pending.length} > ${MAX_HEAD_BYTES}`);
      scanFrom = Math.max(0, pending.length - 2);
      return false;
    }
    if (end > MAX_HEAD_BYTES) throw new Http1ParseError('too-large', `Too large response headers: ${end} > ${MAX_HEAD_BYTES}`);
    const head = parseHead(pending.slice(0, end));
    pending = pending.subarray(end);
    scanFrom = 0;
    if (head.status < 200 && head.status !== 101) {
      if (++interim > MAX_INTERIM_HEADS) throw new Http1ParseError('interim-flood', `the server sent more than ${MAX_INTERIM_HEADS} interim (1xx) responses`);
      events.push({ type: 'head', head, framing: null, length: null });
      return true;
    }
    if (head.status === 101) {
      // The connection now speaks another protocol: what follows is not ours to parse.
      events.push({ type: 'head', head, framing: 'close', length: null });
      state = 'close';
      reusable = false;
      return true;
    }
    const { framing, length, closes } = framingOf(head, options);
    reusable = !closes && persistent(head, options);
    events.push({ type: 'head', head, framing, length });
    if (framing === 'none') finishResponse(events);
    else if (framing === 'length') {
      state = 'length';
      remaining = length!;
    } else if (framing === 'chunked') {
      state = 'chunk-size';
    } else state = 'close';
    return true;
  };

  /** --raw: the chunked framing goes out as body too, in place. */
  const raw = (events: Http1ParseEvent[], bytes: Uint8Array): void => {
    if (options.raw && bytes.length > 0) events.push({ type: 'body', bytes });
  };

  /** One line of the chunked body's framing (size line or trailer), without its line end; null when incomplete. */
  const takeLine = (events: Http1ParseEvent[], limit: number, kind: Http1ProblemKind, what: string): string | null => {
    const lf = pending.indexOf(LF);
    if (lf < 0) {
      if (pending.length > limit) throw new Http1ParseError(kind, what);
      return null;
    }
    const line = latin1(pending.subarray(0, lf > 0 && pending[lf - 1] === CR ? lf - 1 : lf));
    if (lf > limit) throw new Http1ParseError(kind, what);
    raw(events, pending.subarray(0, lf + 1));
    pending = pending.subarray(lf + 1);
    return line;
  };

  /** Up to `remaining` body bytes of what is pending; false when nothing is. */
  const takeBody = (events: Http1ParseEvent[]): boolean => {
    if (pending.length === 0) return false;
    const take = Math.min(remaining, pending.length);
    events.push({ type: 'body', bytes: pending.subarray(0, take) });
    pending = pending.subarray(take);
    remaining -= take;
    return true;
  };

  const step = (events: Http1ParseEvent[]): boolean => {
    switch (state) {
      case 'head':
        return pending.length > 0 && takeHead(events);
      case 'length':
        if (!takeBody(events)) return false;
        if (remaining === 0) finishResponse(events);
        return true;
      case 'chunk-size': {
        const line = takeLine(events, MAX_CHUNK_LINE, 'bad-chunk', 'Illegal or missing hexadecimal sequence in chunked-encoding');
        if (line === null) return false;
        const m = /^([0-9a-fA-F]+)[ \t]*(?:;.*)?$/.exec(line);
        if (!m || m[1]!.length > MAX_CHUNK_DIGITS) throw new Http1ParseError('bad-chunk', 'Illegal or missing hexadecimal sequence in chunked-encoding');
        remaining = parseInt(m[1]!, 16);
        state = remaining === 0 ? 'trailers' : 'chunk-data';
        return true;
      }
      case 'chunk-data':
        if (!takeBody(events)) return false;
        if (remaining === 0) state = 'chunk-data-end';
        return true;
      case 'chunk-data-end': {
        if (pending.length === 0) return false;
        if (pending[0] === LF) {
          raw(events, pending.subarray(0, 1));
          pending = pending.subarray(1);
        } else if (pending[0] === CR) {
          if (pending.length < 2) return false;
          if (pending[1] !== LF) throw new Http1ParseError('bad-chunk-end', 'Malformed encoding found in chunked-encoding');
          raw(events, pending.subarray(0, 2));
          pending = pending.subarray(2);
        } else throw new Http1ParseError('bad-chunk-end', 'Malformed encoding found in chunked-encoding');
        state = 'chunk-size';
        return true;
      }
      case 'trailers': {
        const line = takeLine(events, MAX_HEAD_LINE, 'bad-trailer', 'Too large trailer line in chunked-encoding');
        if (line === null) return false;
        if (line === '') {
          const problem = checkFields(trailerLines);
          if (problem) throw new Http1ParseError('bad-trailer', `a bad trailer: ${problem.message}`);
          finishResponse(events);
          return true;
        }
        trailerLines.push(line);
        if (trailerLines.reduce((n, l) => n + l.length, 0) > MAX_HEAD_BYTES) throw new Http1ParseError('too-large', `Too large trailers: over ${MAX_HEAD_BYTES} bytes`);
        return true;
      }
      case 'close':
        if (pending.length === 0) return false;
        events.push({ type: 'body', bytes: pending });
        pending = new Uint8Array(0);
        return true;
      case 'done':
        excess += pending.length;
        pending = new Uint8Array(0);
        return false;
    }
  };

  const run = (): Http1ParseEvent[] => {
    const events: Http1ParseEvent[] = [];
    while (step(events));
    return events;
  };

  return {
    push(bytes) {
      if (bytes.length === 0) return [];
      received += bytes.length;
      if (state === 'done') {
        excess += bytes.length;
        return [];
      }
      append(bytes);
      return run();
    },
    finish() {
      const events = run();
      if (state === 'head') {
        if (received === 0) throw new Http1ParseError('empty', 'Empty reply from server');
        // A short reply that is not HTTP at all is refused (or, with --http0.9, is the body).
        if (looksLikeHttp(pending) || !takeHttp09(events, true)) throw new Http1ParseError('head-cut', 'connection closed inside the response head');
        events.push(...run());
      }
      switch (state) {
        case 'done':
          return events;
        case 'close':
          reusable = false;
          finishResponse(events);
          return events;
        case 'length':
          throw new Http1ParseError('body-cut', `transfer closed with ${remaining} bytes remaining to read`, remaining);
        default:
          throw new Http1ParseError('body-cut', 'transfer closed with outstanding read data remaining');
      }
    },
    detach() {
      if (pending.length > 0) pending = Uint8Array.prototype.slice.call(pending);
    },
    get excess() {
      return excess;
    },
    get done() {
      return state === 'done';
    },
  };
}

/** Could these first bytes of a reply still be `HTTP/`? */
function looksLikeHttp(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, HTTP_PREFIX.length);
  for (let i = 0; i < n; i++) if (bytes[i] !== HTTP_PREFIX[i]) return false;
  return true;
}
