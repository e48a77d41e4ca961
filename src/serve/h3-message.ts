// An HTTP/3 request stream dressed as node:http's IncomingMessage and ServerResponse, so qurl serve's routes
// answer HTTP/3 exactly as they answer HTTP/1.1 and HTTP/2.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, Writable } from 'node:stream';
import { HTTP3_FRAME, encodeFieldSection, encodeHttp3Frame } from '../codec/index.js';
import { H3_ERROR, type QuicSession } from '../transport/index.js';

type HeaderValue = string | number | readonly string[];

export class H3IncomingMessage extends Readable {
  readonly httpVersion = '3.0';
  readonly httpVersionMajor = 3;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly rawHeaders: string[];
  readonly socket: { readonly remoteAddress: string; readonly encrypted: true };

  constructor(fields: readonly (readonly [string, string])[], remoteAddress: string, onRead: () => void) {
    super({ highWaterMark: 1 << 20, read: onRead });
    this.rawHeaders = fields.flatMap(([n, v]) => [n, v]);
    this.headers = {};
    for (const [n, v] of fields) this.headers[n] = this.headers[n] === undefined ? v : `${this.headers[n]}, ${v}`;
    this.method = this.headers[':method'] ?? 'GET';
    this.url = this.headers[':path'] ?? '/';
    this.socket = { remoteAddress, encrypted: true };
  }
}

export class H3ServerResponse extends Writable {
  statusCode = 200;
  headersSent = false;
  /** Routes check this to tell a multiplexed stream (end it) from a connection (destroy it). */
  readonly stream = true;
  private readonly fields = new Map<string, HeaderValue>();
  private trailers: [string, string][] = [];

  constructor(private readonly session: QuicSession, private readonly streamId: number) {
    super({ highWaterMark: 256 * 1024 });
  }

  setHeader(name: string, value: HeaderValue): this {
    this.fields.set(name.toLowerCase(), value);
    return this;
  }

  getHeader(name: string): HeaderValue | undefined {
    return this.fields.get(name.toLowerCase());
  }

  writeHead(status: number, headers?: Record<string, HeaderValue | undefined>): this {
    this.statusCode = status;
    for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) this.setHeader(name, value);
    this.sendHead(false);
    return this;
  }

  /** Sent as a trailing HEADERS frame when the response ends (gRPC's status travels this way). */
  addTrailers(headers: Record<string, string>): void {
    for (const [name, value] of Object.entries(headers)) this.trailers.push([name.toLowerCase(), value]);
  }

  private sendHead(fin: boolean): void {
    if (this.headersSent) return;
    this.headersSent = true;
    const list: [string, string][] = [[':status', String(this.statusCode)]];
    for (const [name, value] of this.fields) {
      for (const v of Array.isArray(value) ? value : [value]) list.push([name, String(v)]);
    }
    this.session.write(this.streamId, encodeHttp3Frame(HTTP3_FRAME.HEADERS, encodeFieldSection(list)), fin);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.sendHead(false);
    if (this.session.write(this.streamId, encodeHttp3Frame(HTTP3_FRAME.DATA, chunk), false)) callback();
    else this.session.onDrain(this.streamId, () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.trailers.length > 0) {
      this.sendHead(false);
      this.session.write(this.streamId, encodeHttp3Frame(HTTP3_FRAME.HEADERS, encodeFieldSection(this.trailers)), true);
    } else if (this.headersSent) this.session.write(this.streamId, new Uint8Array(0), true);
    else this.sendHead(true);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.writableFinished) this.session.abortStream(this.streamId, H3_ERROR.REQUEST_CANCELLED);
    callback(error);
  }

  asServerResponse(): ServerResponse {
    return this as unknown as ServerResponse;
  }
}

export function asIncomingMessage(req: H3IncomingMessage): IncomingMessage {
  return req as unknown as IncomingMessage;
}
