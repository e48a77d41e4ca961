// One gRPC call on qurl serve's side, over the node:http-style request and response the routes get on HTTP/2
// and HTTP/3: request messages as they complete, response messages framed, the status as trailers — or as a
// trailers-only head when nothing was sent before it — and the client's grpc-timeout enforced.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { GrpcFrameError, createGrpcMessageReader, encodeGrpcMessage } from '../../codec/index.js';

export interface ServerStatus {
  readonly code: number;
  readonly message?: string;
  /** google.rpc.Status bytes, sent base64 in grpc-status-details-bin. */
  readonly details?: Uint8Array;
  /** Trailing metadata. */
  readonly trailers?: Readonly<Record<string, string>>;
}

export interface ServerCall {
  readonly metadata: IncomingMessage['headers'];
  /** Aborts when the client cancels, the deadline passes or the call finishes. */
  readonly signal: AbortSignal;
  /** Initial metadata, sent now (before the first message at the latest). */
  sendHeaders(extra?: Readonly<Record<string, string>>): void;
  /** The request messages' payloads, as they complete. */
  messages(): AsyncGenerator<Uint8Array>;
  send(payload: Uint8Array): Promise<void>;
  finish(status: ServerStatus): void;
}

const MAX_MESSAGE = 4 * 1024 * 1024;
const CODE = { CANCELLED: 1, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, RESOURCE_EXHAUSTED: 8, INTERNAL: 13 } as const;

/** grpc-timeout: up to 8 digits and a unit (PROTOCOL-HTTP2.md). */
function timeoutMs(value: string | string[] | undefined): number | undefined {
  const m = typeof value === 'string' ? /^(\d{1,8})([HMSmun])$/.exec(value) : null;
  if (!m) return undefined;
  const unit = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 }[m[2] as 'H'];
  return Number(m[1]) * unit;
}

export class CallFinished extends Error {}

export function createServerCall(req: IncomingMessage, res: ServerResponse): ServerCall {
  const abort = new AbortController();
  let finished = false;
  let headSent = false;
  res.on('close', () => abort.abort(new CallFinished('the stream closed')));
  const deadline = timeoutMs(req.headers['grpc-timeout']);
  const timer = deadline === undefined ? undefined : setTimeout(() => call.finish({ code: CODE.DEADLINE_EXCEEDED, message: 'deadline exceeded' }), deadline);
  const compressed = req.headers['grpc-encoding'] === 'gzip';

  const call: ServerCall = {
    metadata: req.headers,
    signal: abort.signal,
    sendHeaders(extra = {}) {
      if (headSent || finished) return;
      headSent = true;
      res.writeHead(200, { 'content-type': 'application/grpc', 'grpc-accept-encoding': 'gzip', ...extra });
    },
    async *messages() {
      const reader = createGrpcMessageReader({ maxMessageBytes: MAX_MESSAGE });
      try {
        for await (const chunk of req as AsyncIterable<Buffer>) {
          for (const m of reader.push(chunk)) {
            if (m.compressed && !compressed) throw new GrpcFrameError('bad-flag', 'a compressed message without grpc-encoding');
            yield m.compressed ? gunzipSync(m.payload) : m.payload;
          }
        }
        reader.end();
      } catch (err) {
        if (err instanceof GrpcFrameError) {
          call.finish({ code: err.reason === 'too-large' ? CODE.RESOURCE_EXHAUSTED : CODE.INTERNAL, message: err.message });
          throw new CallFinished(err.message);
        }
        throw err;
      }
    },
    async send(payload) {
      if (finished) throw new CallFinished('the call has finished');
      call.sendHeaders();
      if (!res.write(encodeGrpcMessage(payload))) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done);
            abort.signal.removeEventListener('abort', done);
            resolve();
          };
          res.on('drain', done);
          abort.signal.addEventListener('abort', done);
        });
      }
    },
    finish(status) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      abort.abort(new CallFinished('the call has finished'));
      if (res.writableEnded || res.destroyed) return;
      const fields: Record<string, string> = { ...status.trailers, 'grpc-status': String(status.code) };
      if (status.message) fields['grpc-message'] = encodeURIComponent(status.message);
      if (status.details) fields['grpc-status-details-bin'] = Buffer.from(status.details).toString('base64').replace(/=+$/, '');
      if (!headSent) {
        // Trailers-only: the status in the one HEADERS frame, with END_STREAM.
        headSent = true;
        res.writeHead(200, { 'content-type': 'application/grpc', ...fields });
        res.end();
        return;
      }
      res.addTrailers(fields);
      res.end();
    },
  };
  return call;
}

/** Ends a call whose handler threw: its own CallFinished is quiet, anything else is INTERNAL. */
export function failCall(call: ServerCall, err: unknown): void {
  if (err instanceof CallFinished) return;
  call.finish({ code: CODE.INTERNAL, message: err instanceof Error ? err.message : String(err) });
}

export { CODE as SERVER_CODE };
