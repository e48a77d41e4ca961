// The shape every protocol module (h1, h2, h3) returns, so the engine never knows which one it drives.
import type { Readable } from 'node:stream';
import type { HeaderList, TimingMarks, TransferTrace } from '../trace/index.js';
import type { QurlError } from '../errors/index.js';
import type { ConnectionChain } from './connect/index.js';

export type HttpVersion = '1.0' | '1.1' | '2' | '3';

/**
 * What the user asked for: --http1.0, --http1.1, --http2 (the default: h2 offered on https), --http2-prior-knowledge,
 * --http3 (QUIC first, TCP as the fallback) or --http3-only.
 */
export type HttpVersionChoice = '1.0' | '1.1' | '2' | '2-prior-knowledge' | '3' | '3-only';

/** HTTP/2 keepalive: a PING every `intervalMs` (idle or streaming); unanswered after `timeoutMs` retires the connection. */
export interface KeepaliveSettings {
  /** null: no keepalive PINGs. */
  readonly intervalMs: number | null;
  readonly timeoutMs: number;
}

export interface RequestHead {
  readonly method: string;
  /** The request target: path and query (origin form). */
  readonly target: string;
  /** The Host / :authority value. */
  readonly authority: string;
  /** Header fields other than Host, in the order to send them. */
  readonly headers: HeaderList;
  /** Aligned with `headers`: the exact line HTTP/1 sends instead of `Name: value` (curl's -H as typed). */
  readonly typedLines?: readonly (string | undefined)[];
  /** Where HTTP/1 inserts the body's Content-Length or Transfer-Encoding in `headers` (default: at the end). */
  readonly framingAt?: number;
  /**
   * HTTP/1.1 uploads over 1 MiB (or of unknown length) send `Expect: 100-continue` and wait this long for the
   * 100 before sending the body anyway, as curl does; absent when the user set or removed Expect.
   */
  readonly expect100TimeoutMs?: number;
  /** An upload (-T): curl asks first whatever its size (but not for an empty one). */
  readonly expect100ForAnySize?: boolean;
  /** HTTP/1 sends no Host header (curl's -H 'Host:'). */
  readonly omitHost?: boolean;
  /** How an HTTP/1 reply is read (curl's --http0.9, --ignore-content-length, --raw). */
  readonly http1?: Http1Reading;
}

export interface Http1Reading {
  readonly allowHttp09: boolean;
  readonly ignoreContentLength: boolean;
  readonly raw: boolean;
}

export interface RequestBody {
  readonly stream: Readable;
  /** null: unknown, sent chunked. A source that ends short of it, or goes past it, fails with 26. */
  readonly length: number | null;
  /** What the body is read from, for error messages: `file "data.bin"`, `stdin`. */
  readonly source: string;
}

export interface ResponseHead {
  readonly version: string;
  readonly status: number;
  readonly statusText: string;
  readonly headers: HeaderList;
  /** The final head exactly as received. */
  readonly raw: Uint8Array;
  /** 1xx heads that came before it, as received. */
  readonly informational: readonly Uint8Array[];
}

export interface ResponseStream {
  readonly head: ResponseHead;
  /** Body bytes as sent by the server (still content-encoded), with backpressure. */
  readonly body: Readable;
  /** Resolves after the body ended. */
  readonly trailers: Promise<HeaderList>;
  /** Size of the request head as sent (curl's size_request). */
  readonly requestHeadBytes: number;
  /** Turns an error the body stream failed with into a QurlError with curl's exit code. */
  bodyError(err: unknown): QurlError;
  /** HTTP/1.1: the request asked `Expect: 100-continue` on its own (so a 417 means: send it again without). */
  readonly askedContinue?: boolean;
  /**
   * The body's consumer promises to take each chunk before its 'data' event returns (a blocking write, a
   * discard) and to keep no reference to it: the connection may then read the body into one reused buffer.
   */
  lend?(): void;
  /**
   * Instead of `body`, for a consumer that takes each chunk before it returns (an -o file): every chunk to `write`
   * as it arrives (a throw abandons the body), resolving at the body's end or rejecting with why it failed. Null
   * when the body was already handed out as a stream (then read `body`).
   */
  drain?(write: (chunk: Buffer) => void): Promise<void> | null;
}

export interface StreamContext {
  readonly trace: TransferTrace;
  readonly timings: TimingMarks;
  readonly signal: AbortSignal;
  /** Told of every request body chunk handed to the connection (curl's size_upload), also when the body then fails. */
  readonly bodySent: (bytes: number) => void;
}

export interface ProtocolConnection {
  readonly version: HttpVersion;
  readonly chain: ConnectionChain;
  /** Sends a request; resolves with the final response head once it arrived. */
  openStream(head: RequestHead, body: RequestBody | null, ctx: StreamContext): Promise<ResponseStream>;
  /** True when a new request may be sent now without waiting. */
  canTakeStream(): boolean;
  /** Claims a stream slot for the next openStream() (the pool calls it); false when none is free. */
  reserveStream(): boolean;
  isClosed(): boolean;
  close(): void;
}
