// A call the transport ended — the peer reset its stream, the connection broke or went away under it — ends
// with the gRPC status grpc-go gives it (its http2_client: RST_STREAM codes to statuses, a lost connection is
// Unavailable). Failures to connect at all (DNS, TCP, TLS, proxies) keep curl's exit codes instead.
import { constants } from 'node:http2';
import type { QurlError } from '../errors/index.js';
import type { CallStatus } from './call-status.js';
import { GRPC_CODE } from './grpc-status.js';

/** grpc-go's http2ErrConvTab; every other code is Internal. */
const H2_RESET: Readonly<Record<number, number>> = {
  [constants.NGHTTP2_REFUSED_STREAM]: GRPC_CODE.UNAVAILABLE,
  [constants.NGHTTP2_CANCEL]: GRPC_CODE.CANCELLED,
  [constants.NGHTTP2_ENHANCE_YOUR_CALM]: GRPC_CODE.RESOURCE_EXHAUSTED,
  [constants.NGHTTP2_INADEQUATE_SECURITY]: GRPC_CODE.PERMISSION_DENIED,
};

/** The same idea for HTTP/3's codes (RFC 9114 §8.1): H3_REQUEST_REJECTED and H3_REQUEST_CANCELLED. */
const H3_RESET: Readonly<Record<number, number>> = { 0x10b: GRPC_CODE.UNAVAILABLE, 0x10c: GRPC_CODE.CANCELLED };

/** Kinds that mean the connection failed or went away under a call it was carrying. */
const LOST = new Set(['h2', 'h2-refused', 'h2-ping-timeout', 'h2-stream', 'h3', 'h3-refused', 'h3-closed', 'empty-reply', 'reset-before-reply']);
/** Socket failures: the call's once it was answered; before that they may be the TLS handshake's (curl's 56). */
const LOST_AFTER_HEAD = new Set(['recv', 'send', 'partial-file']);

export function transportStatus(err: QurlError, answered: boolean): CallStatus | null {
  const reset = err.context.streamReset;
  if (reset) {
    const code = (reset.protocol === 'h2' ? H2_RESET : H3_RESET)[reset.code] ?? GRPC_CODE.INTERNAL;
    const frame = reset.protocol === 'h2' ? 'RST_STREAM' : 'RESET_STREAM';
    return { code, message: `stream terminated by ${frame} with error code: ${reset.name}`, details: [] };
  }
  if (LOST.has(err.kind) || (answered && LOST_AFTER_HEAD.has(err.kind))) return { code: GRPC_CODE.UNAVAILABLE, message: err.message, details: [] };
  return null;
}
