// TraceEvent: the one typed event stream every layer reports to and every view (render/) reads.
export type HeaderList = readonly (readonly [string, string])[];

export interface EventBase {
  /** Nanoseconds since the run started (monotonic). */
  readonly t: bigint;
  readonly transferId: number;
  readonly connId?: number;
  readonly streamId?: number;
  /** The step or protocol that reported it: dns, tcp, tls, h1, engine, … */
  readonly source: string;
}

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export interface CertSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly subjectAltName?: string;
}

export type TraceEvent =
  | (EventBase & {
      readonly type: 'dns';
      readonly host: string;
      readonly addresses: readonly ResolvedAddress[];
      readonly how: 'lookup' | 'cache' | 'resolve-option' | 'literal' | 'localhost' | 'doh';
    })
  | (EventBase & {
      readonly type: 'connect';
      readonly phase: 'trying' | 'connected';
      /** The name being connected to (before resolution). */
      readonly host: string;
      readonly address: string;
      readonly port: number;
      readonly localAddress?: string;
      readonly localPort?: number;
    })
  | (EventBase & {
      readonly type: 'tls';
      readonly phase: 'hello' | 'done';
      readonly servername?: string;
      readonly alpnOffered: readonly string[];
      readonly protocol?: string;
      readonly cipher?: string;
      readonly alpn?: string | false;
      readonly cert?: CertSummary;
      readonly verified?: boolean;
      readonly verifyError?: string;
      readonly insecure: boolean;
    })
  | (EventBase & {
      readonly type: 'request-head';
      readonly method: string;
      readonly target: string;
      readonly version: string;
      readonly headers: HeaderList;
    })
  | (EventBase & {
      readonly type: 'response-head';
      readonly version: string;
      readonly status: number;
      readonly statusText: string;
      readonly headers: HeaderList;
      /** The head exactly as received, status line to the empty line. */
      readonly raw: Uint8Array;
    })
  | (EventBase & {
      readonly type: 'data';
      readonly direction: 'send' | 'recv';
      /** 'raw': protocol bytes not split into head and body (an HTTP/2 connection's frames). */
      readonly kind: 'header' | 'body' | 'raw';
      readonly bytes: Uint8Array;
    })
  | (EventBase & {
      readonly type: 'frame';
      readonly direction: 'send' | 'recv';
      readonly frameType: number;
      readonly flags: number;
      readonly length: number;
      /** The parsed payload; `kind: 'malformed'` when the bytes break RFC 9113's rules. */
      readonly payload: FrameDetail;
      /** Decoded header fields, when a HEADERS/PUSH_PROMISE block completed with this frame. */
      readonly headers?: HeaderList;
      /** HPACK dynamic table size updates in that block (RFC 7541 §6.3). */
      readonly tableSizeUpdates?: readonly number[];
      /** Why the header block could not be decoded. */
      readonly hpackError?: string;
    })
  | (EventBase & {
      readonly type: 'h3-frame';
      readonly direction: 'send' | 'recv';
      /** The HTTP/3 frame type (RFC 9114 §7.2), or null for what is not a frame (a stream's type, QPACK instructions). */
      readonly frameType: number | null;
      readonly length: number;
      readonly detail: H3FrameDetail;
    })
  | (EventBase & { readonly type: 'trailers'; readonly headers: HeaderList })
  | (EventBase & { readonly type: 'retry'; readonly reason: string })
  | (EventBase & { readonly type: 'redirect'; readonly status: number; readonly from: string; readonly to: string })
  /** A hop's start ('hop') or a phase's mark, at `at` (a race's winner replays its marks later than they happened). */
  | (EventBase & { readonly type: 'timing'; readonly phase: TimingPhase | 'hop'; readonly at: bigint })
  | (EventBase & { readonly type: 'info'; readonly message: string })
  | (EventBase & {
      readonly type: 'grpc-message';
      readonly direction: 'send' | 'recv';
      /** The message as `format` shows it: canonical proto3 JSON (indented) or the protobuf text format; null for binary. */
      readonly text: string | null;
      readonly format: 'json' | 'text' | 'binary';
      /** The encoded message (after decompression on receipt). */
      readonly bytes: Uint8Array;
      /** Bytes on the wire, prefix included. */
      readonly wireSize: number;
      readonly compressed: boolean;
      /** Shown as bytes, each message size-delimited (a varint length first): the method streams that way. */
      readonly delimited?: boolean;
    })
  | (EventBase & {
      readonly type: 'grpc-status';
      readonly code: number;
      readonly message: string;
      /** google.rpc.Status details, each as JSON text (an unknown type as its URL and base64 value). */
      readonly details: readonly string[];
      readonly requests: number;
      readonly responses: number;
      /** -format-error with -format text: the status as a google.rpc.Status in the protobuf text format. */
      readonly text?: string;
    });

export type TraceEventType = TraceEvent['type'];

/** A frame's payload as the codec parsed it (mirrors codec's FramePayload; trace imports no codec). */
export type FrameDetail =
  | { readonly kind: 'data'; readonly dataLength: number; readonly padLength: number }
  | { readonly kind: 'headers'; readonly padLength: number; readonly priority?: FramePriority }
  | { readonly kind: 'priority'; readonly priority: FramePriority }
  | { readonly kind: 'rst-stream'; readonly errorCode: number }
  | { readonly kind: 'settings'; readonly settings: readonly (readonly [number, number])[] }
  | { readonly kind: 'push-promise'; readonly promisedStreamId: number; readonly padLength: number }
  | { readonly kind: 'ping'; readonly opaque: Uint8Array }
  | { readonly kind: 'goaway'; readonly lastStreamId: number; readonly errorCode: number; readonly debug: Uint8Array }
  | { readonly kind: 'window-update'; readonly increment: number }
  | { readonly kind: 'continuation' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'malformed'; readonly reason: string };

/** What an HTTP/3 trace line says about a frame or a stream (mirrors codec's results; trace imports no codec). */
export type H3FrameDetail =
  | { readonly kind: 'stream-type'; readonly streamType: number }
  | { readonly kind: 'data' }
  | {
      readonly kind: 'headers';
      readonly requiredInsertCount: number;
      readonly base: number;
      /** Each field with how QPACK carried it: `indexed-static 17`, `literal-static-name 1`, `literal`, … */
      readonly fields: readonly (readonly [string, string, string])[];
    }
  | { readonly kind: 'settings'; readonly settings: readonly (readonly [number, number])[] }
  | { readonly kind: 'id'; readonly id: number }
  | { readonly kind: 'qpack'; readonly instruction: string }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'malformed'; readonly reason: string };

export interface FramePriority {
  readonly exclusive: boolean;
  readonly dependency: number;
  readonly weight: number;
}

export type TimingPhase = 'namelookup' | 'connect' | 'appconnect' | 'pretransfer' | 'posttransfer' | 'starttransfer' | 'total';

/** Distributes an event type over the union so callers can build one without `t`/`transferId`. */
export type EventInput = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 't' | 'transferId'> : never) : never;
