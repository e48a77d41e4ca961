// --out-json FILE for `qurl grpc`: the whole call as one JSON document for scripts — metadata both ways, every
// message with its time into the call and sizes, trailers, status, timings and the connection.
import type { TransferResult } from '../engine/index.js';
import { now, type HeaderList, type TraceEvent, type TraceView } from '../trace/index.js';

interface RecordedMessage {
  /** The message as proto3 JSON; null under -format text or binary. */
  readonly json: unknown;
  /** The message in the protobuf text format (-format text). */
  readonly text?: string;
  /** base64 of the message bytes (-format binary). */
  readonly base64?: string;
  /** Milliseconds into the call. */
  readonly ms: number;
  readonly size: number;
  readonly wireSize: number;
  readonly compressed: boolean;
}

export interface GrpcCallDocument {
  readonly method: string;
  readonly url: string;
  readonly startedAt: string;
  readonly request: { readonly metadata: Record<string, string[]>; readonly messages: RecordedMessage[] };
  readonly response: {
    readonly httpStatus: number;
    readonly headers: Record<string, string[]>;
    readonly messages: RecordedMessage[];
    readonly trailers: Record<string, string[]>;
  };
  readonly status: { readonly code: number; readonly name: string; readonly message: string; readonly details: unknown[] };
  /** curl's -w times in seconds, plus the first and last response message's. */
  readonly timings: Record<string, number | null>;
  readonly connection: Record<string, string | number | boolean>;
}

export interface GrpcRecorder {
  readonly view: TraceView;
  /** The first and last response message's time, in seconds after `startedAt`; null when none came. */
  messageTimes(startedAt: bigint): { readonly first: number | null; readonly last: number | null };
  document(method: string, result: TransferResult, startedAt: bigint, codeName: (code: number) => string): GrpcCallDocument;
}

/** Every value of each name, in order: the same shape whether a name came once or more. */
function metadataObject(fields: HeaderList): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of fields) (out[name] ??= []).push(value);
  return out;
}

export function createGrpcRecorder(): GrpcRecorder {
  const messages = { send: [] as Extract<TraceEvent, { type: 'grpc-message' }>[], recv: [] as Extract<TraceEvent, { type: 'grpc-message' }>[] };
  let requestHead: HeaderList = [];
  let responseHead: { status: number; headers: HeaderList } = { status: 0, headers: [] };
  let trailers: HeaderList = [];
  let status: Extract<TraceEvent, { type: 'grpc-status' }> | undefined;
  const seconds = (t: bigint, from: bigint): number => Number(t - from) / 1e9;
  return {
    view: {
      types: new Set(['request-head', 'response-head', 'trailers', 'grpc-message', 'grpc-status']),
      onEvent(e) {
        if (e.transferId !== 0) return;
        if (e.type === 'request-head') requestHead = e.headers;
        else if (e.type === 'response-head' && e.status >= 200) responseHead = { status: e.status, headers: e.headers };
        else if (e.type === 'trailers' && e.source === 'grpc') trailers = e.headers;
        else if (e.type === 'grpc-message') messages[e.direction].push(e);
        else if (e.type === 'grpc-status') status = e;
      },
    },
    messageTimes(startedAt) {
      const first = messages.recv[0];
      const last = messages.recv.at(-1);
      return { first: first ? seconds(first.t, startedAt) : null, last: last ? seconds(last.t, startedAt) : null };
    },
    document(method, result, startedAt, codeName) {
      const recorded = (e: Extract<TraceEvent, { type: 'grpc-message' }>): RecordedMessage => ({
        json: e.format === 'json' && e.text !== null ? (JSON.parse(e.text) as unknown) : null,
        ...(e.format === 'text' && e.text !== null ? { text: e.text } : {}),
        ...(e.format === 'binary' ? { base64: Buffer.from(e.bytes).toString('base64') } : {}),
        ms: Math.round(seconds(e.t, startedAt) * 1e6) / 1e3,
        size: e.bytes.length,
        wireSize: e.wireSize,
        compressed: e.compressed,
      });
      const times = this.messageTimes(startedAt);
      return {
        method,
        url: result.urlEffective,
        startedAt: new Date(Date.now() - Number(now() - startedAt) / 1e6).toISOString(),
        request: { metadata: metadataObject(requestHead), messages: messages.send.map(recorded) },
        response: {
          httpStatus: responseHead.status,
          headers: metadataObject(responseHead.headers),
          messages: messages.recv.map(recorded),
          trailers: metadataObject(trailers),
        },
        status: status
          ? { code: status.code, name: codeName(status.code), message: status.message, details: status.details.map((d) => JSON.parse(d) as unknown) }
          : { code: -1, name: 'none', message: result.error?.message ?? 'the call did not finish', details: [] },
        timings: { ...result.times, firstMessage: times.first, lastMessage: times.last },
        connection: {
          httpVersion: result.httpVersion, remoteIp: result.remoteIp, remotePort: result.remotePort, localIp: result.localIp, localPort: result.localPort,
          newConnections: result.numConnects, proxied: result.proxyUsed, httpConnect: result.httpConnect, sslVerifyResult: result.sslVerifyResult,
        },
      };
    },
  };
}
