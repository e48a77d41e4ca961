// writeBody: streams one response body, decoded when --compressed, into its output with backpressure; holds it
// to its Content-Length and to --max-filesize (on the decoded bytes too), and keeps what was decoded when the
// body is cut off.
import type { Readable, Transform } from 'node:stream';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { QurlError, errorCode } from '../errors/index.js';
import { headerValue, headerValues } from '../trace/index.js';
import type { ResponseStream } from '../transport/index.js';
import { toWriteError, type BodyOutput } from './body-output.js';
import { writesSynchronously } from './sync-sinks.js';
import { contentDecoders, toDecodingError } from './content-decoding.js';

export interface BodyLimits {
  /** The announced Content-Length to hold the received (still encoded) bytes to, or null. */
  readonly expected: number | null;
  /** --max-filesize: bytes written (decoded) never exceed it; going past fails with 63. */
  readonly maxFilesize: number | null;
}

export function fileSizeError(max: number): QurlError {
  return new QurlError('filesize-exceeded', `Maximum file size exceeded (--max-filesize ${max})`);
}

/** --max-filesize over a body's chunks: the part of each chunk that still fits (all of it without a limit). */
function sizeLimit(maxFilesize: number | null): (chunk: Buffer) => Buffer {
  let written = 0;
  return (chunk) => {
    const room = maxFilesize === null ? chunk.length : Math.max(0, maxFilesize - written);
    const part = room < chunk.length ? chunk.subarray(0, room) : chunk;
    written += part.length;
    return part;
  };
}

/** A sink that never ends or destroys `out` (stdout outlives the transfer), honours its backpressure and the size limit. */
function sinkInto(out: Writable, maxFilesize: number | null): Writable {
  const fitting = sizeLimit(maxFilesize);
  return new Writable({
    highWaterMark: 256 * 1024,
    write(chunk: Buffer, _enc, cb) {
      const part = fitting(chunk);
      const over = part.length < chunk.length ? fileSizeError(maxFilesize!) : null;
      if (part.length === 0 || out.write(part)) cb(over);
      else out.once('drain', () => cb(over));
    },
  });
}

const EMPTY = Buffer.alloc(0);

/** Where pumpInto writes: a stream, or a writer that has taken each chunk when it returns (BodyOutput.direct). */
type PumpTarget = Writable | ((bytes: Uint8Array) => void);

/**
 * body → out, for a body that needs no decoding: the same backpressure and size limit as sinkInto, without
 * pipeline()'s stream objects, abort signal and ticks, which cost more than writing a small body.
 */
function pumpInto(body: Readable, out: PumpTarget, maxFilesize: number | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const fitting = sizeLimit(maxFilesize);
    const stream = typeof out === 'function' ? null : out;
    // A direct writer takes every chunk (or throws); a stream may ask for a wait.
    const write = typeof out === 'function' ? (part: Buffer): boolean => (out(part), true) : (part: Buffer): boolean => out.write(part);
    const settle = (err?: unknown): void => {
      body.off('data', onData).off('end', onEnd).off('error', settle).off('close', onClose);
      stream?.off('error', settle).off('drain', onDrain);
      if (err === undefined) return resolve();
      // As pipeline() would: a body nobody reads any more ends its exchange (h1 drops the connection, h2 the stream).
      body.destroy();
      reject(err);
    };
    // Done once out has taken every byte: an empty write's callback comes after the writes before it, with
    // their error if one failed (a Writable reports a failed write asynchronously).
    const onEnd = (): void => {
      body.off('close', onClose);
      if (stream) stream.write(EMPTY, (err) => settle(err ?? undefined));
      else settle();
    };
    const onClose = (): void => settle(new Error('the response body ended early'));
    const onDrain = (): void => void body.resume();
    const onData = (chunk: Buffer): void => {
      const part = fitting(chunk);
      let fits: boolean;
      try {
        fits = part.length === 0 || write(part);
      } catch (err) {
        return settle(err);
      }
      if (part.length < chunk.length) return settle(fileSizeError(maxFilesize!));
      if (!fits) {
        body.pause();
        stream!.once('drain', onDrain);
      }
    };
    // on(), not once(): settle() takes every listener off, and once() wraps each in a closure of its own.
    body.on('data', onData).on('end', onEnd).on('error', settle).on('close', onClose);
    stream?.on('error', settle);
  });
}

/** body → a direct writer without a stream between, where the connection hands chunks over (ResponseStream.drain). */
function drainInto(res: ResponseStream, write: (bytes: Uint8Array) => void, maxFilesize: number | null, counted: (n: number) => void): Promise<void> | null {
  const fitting = sizeLimit(maxFilesize);
  const drained = res.drain?.((chunk) => {
    counted(chunk.length);
    const part = fitting(chunk);
    if (part.length > 0) write(part);
    if (part.length < chunk.length) throw fileSizeError(maxFilesize!);
  });
  return drained
    ? drained.catch((err: unknown) => {
        throw err instanceof QurlError ? err : res.bodyError(err);
      })
    : null;
}

/**
 * The body length the response announced, when it has a body to hold to it (not HEAD, 1xx, 204 or 304):
 * a body that ends short of it is never a success, on any protocol.
 */
export function announcedLength(res: ResponseStream, method: string): number | null {
  const { status, headers } = res.head;
  if (method === 'HEAD' || status < 200 || status === 204 || status === 304) return null;
  // Transfer-Encoding frames the body instead (RFC 9112 §6.3: it wins over a Content-Length sent with it).
  if (headerValue(headers, 'transfer-encoding') !== undefined) return null;
  const value = headerValue(headers, 'content-length');
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

function shortBodyError(expected: number, received: number): QurlError {
  return received < expected
    ? new QurlError('partial-file', `transfer closed with ${expected - received} bytes remaining to read`)
    : new QurlError('weird-reply', `the server sent ${received - expected} bytes more than its Content-Length of ${expected}`);
}

/**
 * body → decoders → sink. When the body fails, the decoders are ended rather than destroyed, so everything they
 * can still decode reaches the output (as curl writes it) before the body's error is reported.
 */
async function decodeInto(body: Readable, decoders: readonly Transform[], sink: Writable): Promise<void> {
  let bodyFailed: { readonly err: unknown } | null = null;
  const decoded = pipeline([...decoders, sink]);
  body.once('error', (err) => {
    bodyFailed = { err };
    decoders[0]!.end();
  });
  body.pipe(decoders[0]!);
  try {
    await decoded;
  } catch (err) {
    // A decoder's complaint about input cut short is the cut's fault: report the body's error instead.
    if (!bodyFailed) {
      body.unpipe();
      body.destroy();
      throw err;
    }
  }
  if (bodyFailed) throw (bodyFailed as { readonly err: unknown }).err;
}

/** Which codings to undo: Content-Encoding (--compressed) and HTTP/1's Transfer-Encoding other than chunked (--tr-encoding). */
export interface BodyDecoding {
  readonly content: boolean;
  readonly transfer: boolean;
}

/** The Transfer-Encoding codings HTTP/1's framing left on the body (all but chunked, which the parser undid). */
function transferCodings(res: ResponseStream): string | undefined {
  if (res.head.version !== '1.1' && res.head.version !== '1.0') return undefined;
  const codings = headerValues(res.head.headers, 'transfer-encoding').flatMap((v) => v.split(',')).map((c) => c.trim()).filter((c) => c !== '' && c.toLowerCase() !== 'chunked');
  return codings.length === 0 ? undefined : codings.join(', ');
}

/** The body into `out`, through `decoders` when there are any; failures of out, decoders and body told apart. */
async function writeToStream(res: ResponseStream, decoders: Transform[], out: Writable, maxFilesize: number | null, where: string): Promise<void> {
  const sink = decoders.length > 0 ? sinkInto(out, maxFilesize) : null;
  let writeFailed: unknown = null;
  const onOutputError = (err: Error): void => {
    writeFailed = err;
    sink?.destroy(err);
  };
  out.on('error', onOutputError);
  try {
    if (!sink) {
      if (writesSynchronously(out)) res.lend?.();
      await pumpInto(res.body, out, maxFilesize);
    }
    else await decodeInto(res.body, decoders, sink);
  } catch (err) {
    if (writeFailed) throw toWriteError(writeFailed, where);
    if (err instanceof QurlError) throw err;
    const code = errorCode(err) ?? '';
    if (code.startsWith('Z_') || code.includes('BROTLI')) throw toDecodingError(err);
    throw res.bodyError(err);
  } finally {
    out.off('error', onOutputError);
  }
}

export async function writeBody(res: ResponseStream, decoding: BodyDecoding, output: BodyOutput, limits: BodyLimits, count: (n: number) => void): Promise<void> {
  const hasBody = res.head.status !== 204;
  // The transfer coding is the outer layer: undone first.
  const decoders = [
    ...(decoding.transfer && hasBody ? await contentDecoders(transferCodings(res)) : []),
    ...(decoding.content && hasBody ? await contentDecoders(headerValue(res.head.headers, 'content-encoding')) : []),
  ];
  let received = 0;
  const counted = (n: number): void => {
    received += n;
    count(n);
  };
  const direct = decoders.length === 0 ? (output.direct?.() ?? null) : null;
  const drained = direct ? drainInto(res, direct, limits.maxFilesize, counted) : null;
  if (drained) await drained;
  else {
    res.body.on('data', (chunk: Buffer) => counted(chunk.length));
    if (direct) {
      res.lend?.();
      await pumpInto(res.body, direct, limits.maxFilesize).catch((err: unknown) => {
        throw err instanceof QurlError ? err : res.bodyError(err);
      });
    } else await writeToStream(res, decoders, output.stream(), limits.maxFilesize, output.path ?? 'stdout');
  }
  if (limits.expected !== null && received !== limits.expected) throw shortBodyError(limits.expected, received);
}
