// The one request-body pump under h1, h2 and h3 (gRPC and WebSocket stream through it too): reads the body
// source with backpressure, counts what was sent, and turns a failing source into curl's exit 26 for this
// exchange alone. A body error is never a stale connection and never replayed (DESIGN.md, request bodies).
import { QurlError } from '../errors/index.js';
import type { RequestBody } from './protocol-connection.js';

/** Where a protocol module puts the body: an HTTP/2 stream, an HTTP/3 stream's DATA frames. */
export interface BodyTarget {
  /** Takes one chunk; false when the producer must wait for drained() before the next. */
  write(chunk: Uint8Array): boolean;
  /** Resolves once write() may take more, or once the stream is gone (the pump is stopped then). */
  drained(): Promise<void>;
  /** The body is complete: end the stream's sending side. */
  end(): void;
  /** The source failed: reset only this stream (RST_STREAM CANCEL, H3_REQUEST_CANCELLED). */
  cancel(): void;
}

/** drained() for a Node stream target: resolves on 'drain', or when the stream closes (the pump stops then). */
export function drainedOrClosed(stream: NodeJS.EventEmitter & { readonly destroyed: boolean; readonly writableNeedDrain: boolean }): Promise<void> {
  return new Promise<void>((resolve) => {
    if (stream.destroyed || !stream.writableNeedDrain) return resolve();
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

export interface BodyPump {
  /** The exchange is over (response done or failed): stop reading the source and release it. */
  stop(): void;
  /** Whether the whole body went to the target (an HTTP/1.1 connection stopped short of it is not reusable). */
  isComplete(): boolean;
}

/** A body source error as one line with curl's 26; a QurlError from the source passes through. */
export function toBodyReadError(err: unknown, source: string): QurlError {
  if (err instanceof QurlError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new QurlError('read-file', `Failed to read the request body from ${source}: ${detail}`, { cause: err });
}

function lengthError(body: RequestBody, sent: number): QurlError {
  const change = sent > body.length! ? 'grew past' : `ended after ${sent} of`;
  return new QurlError('read-file', `Failed to read the request body from ${body.source}: it ${change} the ${body.length} bytes announced in Content-Length`);
}

/**
 * Reads the body source as an async iterable, counting bytes and holding it to its announced length, so h1
 * (which pulls) and h2/h3 (which pumpRequestBody drives) share one reading rule. Throws 26 on failure.
 */
export async function* readRequestBody(body: RequestBody, count: (n: number) => void = () => {}): AsyncGenerator<Uint8Array> {
  let sent = 0;
  try {
    for await (const chunk of body.stream as AsyncIterable<Uint8Array | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      sent += bytes.length;
      if (body.length !== null && sent > body.length) throw lengthError(body, sent);
      count(bytes.length);
      yield bytes;
    }
  } catch (err) {
    throw toBodyReadError(err, body.source);
  }
  if (body.length !== null && sent < body.length) throw lengthError(body, sent);
}

/** Pushes the body into `target` with backpressure, counting each chunk; `onError` fails the exchange after the target was cancelled. */
export function pumpRequestBody(body: RequestBody, target: BodyTarget, count: (n: number) => void, onError: (err: QurlError) => void): BodyPump {
  let stopped = false;
  let complete = false;
  const run = async (): Promise<void> => {
    try {
      for await (const chunk of readRequestBody(body, count)) {
        if (stopped) return;
        if (!target.write(chunk)) await target.drained();
        if (stopped) return;
      }
      if (!stopped) {
        complete = true;
        target.end();
      }
    } catch (err) {
      if (stopped) return;
      stopped = true;
      target.cancel();
      onError(toBodyReadError(err, body.source));
    }
  };
  void run();
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      body.stream.destroy();
    },
    isComplete: () => complete,
  };
}
