// The exchange chain: one transfer's requests go through wrappers around a single send step, as undici's
// interceptors and xh's middleware do. Each wrapper is one concern (redirects, authentication, cookies, the
// Expect retry) and may change the hop it passes on, send it again, or look at what came back.
import { finished } from 'node:stream/promises';
import type { ResponseStream } from '../transport/index.js';
import type { RequestUrl } from './request-url.js';

/** One request of a transfer: the first, or a redirect's, an authentication answer's or a retry's. */
export interface Hop {
  readonly url: RequestUrl;
  readonly method: string;
  /** Whether the request body goes with this hop (a 303 drops it). */
  readonly sendBody: boolean;
  /** The transfer left its first origin: credentials and -b literals stay behind. */
  readonly crossedOrigin: boolean;
  /** Whether qurl may add its own Expect: 100-continue (a 417 to it turns this off). */
  readonly expectContinue: boolean;
  /** Set by the wrappers. */
  readonly authorization?: string;
  readonly proxyAuthorization?: string;
  readonly cookie?: string;
}

export type SendHop = (hop: Hop) => Promise<ResponseStream>;
export type HopWrapper = (next: SendHop) => SendHop;

/** `send` wrapped by `wrappers`, the first one outermost. */
export function wrapSend(send: SendHop, wrappers: readonly HopWrapper[]): SendHop {
  return wrappers.reduceRight<SendHop>((next, wrap) => wrap(next), send);
}

/** Reads a response the chain answers itself (a redirect, a 401) to its end, so its connection can be reused. */
export async function drainResponse(res: ResponseStream): Promise<void> {
  try {
    // finished() also settles for a body that already ended unread.
    await finished(res.body.resume());
  } catch (err) {
    throw res.bodyError(err);
  }
}
