// One gRPC call (PROTOCOL-HTTP2.md) on an application exchange: the request head, the request messages as they
// are read, the response messages as they arrive, and the status from the trailers (or a trailers-only head).
// It prints nothing: messages, metadata and the status are events for the views.
import { create, fromBinary, fromJson, toBinary, toJsonString, type DescMessage, type DescMethod, type MessageShape, type Registry } from '@bufbuild/protobuf';
import type { AppEngine, TransferResult } from '../engine/index.js';
import type { ResponseStream } from '../transport/index.js';
import { QurlError, toQurlError } from '../errors/index.js';
import { headerValue, type HeaderList } from '../trace/index.js';
import { callStatus, type CallStatus } from './call-status.js';
import type { GrpcFormat, GrpcSpec } from './grpc-spec.js';
import { parseMetadata } from './grpc-metadata.js';
import { GRPC_CODE } from './grpc-status.js';
import { requestMessages } from './request-messages.js';
import { CallFailure, responseMessages } from './response-messages.js';
import { printTextFormat } from './text-format/index.js';
import { transportStatus } from './transport-status.js';

export interface CallOutcome {
  readonly status: CallStatus;
  readonly result: TransferResult;
  /** On the trace's clock: events' `t` minus this is their time into the call. */
  readonly startedAt: bigint;
}

/** grpc-timeout (PROTOCOL-HTTP2.md "Timeout"): at most 8 digits, so milliseconds up to ~27 hours, then seconds. */
function grpcTimeout(seconds: number): string {
  const ms = Math.ceil(seconds * 1000);
  return ms < 1e8 ? `${ms}m` : `${Math.ceil(seconds)}S`;
}

function requestHeaders(spec: GrpcSpec): HeaderList {
  const fields: [string, string][] = [
    ['content-type', 'application/grpc'],
    ['user-agent', spec.userAgent],
    ['te', 'trailers'],
    ['grpc-accept-encoding', 'gzip,deflate'],
  ];
  if (spec.compress) fields.push(['grpc-encoding', 'gzip']);
  if (spec.transfer.maxTime !== undefined) fields.push(['grpc-timeout', grpcTimeout(spec.transfer.maxTime)]);
  return [...fields, ...parseMetadata([...spec.headers, ...spec.rpcHeaders])];
}

/** A message as `format` shows it; null for binary (shown as bytes). */
function rendered(format: GrpcFormat, desc: DescMessage, message: MessageShape<DescMessage>, spec: GrpcSpec, registry: Registry): string | null {
  if (format === 'binary') return null;
  if (format === 'text') return printTextFormat(desc, message, registry);
  return toJsonString(desc, message, { prettySpaces: 2, registry, alwaysEmitImplicit: spec.emitDefaults, useProtoFieldName: spec.useProtoNames });
}

/** -format-error -format text: the status as grpcurl prints it, a google.rpc.Status in the text format. */
function statusInTextFormat(status: CallStatus, registry: Registry): string | undefined {
  const desc = registry.getMessage('google.rpc.Status');
  if (!desc) return undefined;
  let message: MessageShape<DescMessage>;
  try {
    message = status.statusBytes ? fromBinary(desc, status.statusBytes) : create(desc);
  } catch {
    message = create(desc);
  }
  Object.assign(message, { code: status.code, message: status.message });
  return printTextFormat(desc, message, registry);
}

/**
 * What a failure outside gRPC's own status means for the call: the deadline passing, the transport ending it
 * (a status, as grpc-go gives), or a failure to connect at all (curl's exit code, thrown).
 */
function statusOf(err: unknown, spec: GrpcSpec, answered: boolean): CallStatus {
  if (err instanceof CallFailure) return { code: err.code, message: err.message, details: [] };
  if (err instanceof QurlError && err.kind === 'timeout') {
    return { code: GRPC_CODE.DEADLINE_EXCEEDED, message: `context deadline exceeded (-max-time ${spec.transfer.maxTime ?? '?'} s)`, details: [] };
  }
  const transport = err instanceof QurlError ? transportStatus(err, answered) : null;
  if (transport) return transport;
  // A failure to connect keeps curl's exit code (7, 28, 35, 56, 60, 97…), as it does for reflection's calls.
  throw toQurlError(err, 'grpc-failure');
}

/**
 * Runs the codec once on empty messages of the method's types before the clock starts: the first encode and
 * decode of a type compile its code paths, milliseconds that belong to qurl, not to the network.
 */
function warmUp(method: DescMethod, registry: Registry): void {
  for (const desc of [method.input, method.output]) {
    const empty = toBinary(desc, fromJson(desc, {}, { registry }));
    toJsonString(desc, fromBinary(desc, empty), { registry });
  }
}

export async function invoke(spec: GrpcSpec, method: DescMethod, registry: Registry, engine: AppEngine): Promise<CallOutcome> {
  warmUp(method, registry);
  const exchange = engine.start(spec.transfer, 0);
  const { trace } = exchange;
  const shown = trace.wants('grpc-message');
  let requests = 0;
  let responses = 0;
  let status: CallStatus;
  let response: ResponseStream | undefined;
  try {
    const body = requestMessages({
      data: spec.data, format: spec.formatIn, input: method.input, registry, allowUnknownFields: spec.allowUnknownFields,
      compress: spec.compress !== null, single: method.methodKind === 'unary' || method.methodKind === 'server_streaming',
      method: `${method.parent.typeName}/${method.name}`,
      onMessage: (bytes, wireSize) => {
        requests++;
        const text = shown ? rendered(spec.formatIn, method.input, fromBinary(method.input, bytes), spec, registry) : null;
        trace.emit({ type: 'grpc-message', source: 'grpc', direction: 'send', text, format: spec.formatIn, bytes, wireSize, compressed: spec.compress !== null });
      },
    });
    response = await exchange.open({
      url: `${spec.target!.baseUrl}/${method.parent.typeName}/${method.name}`,
      method: 'POST',
      headers: requestHeaders(spec),
      authority: spec.target!.authority,
      body: { stream: body, length: null, source: 'the request data (-d)' },
    });
    const head = response.head;
    const trailersOnly = headerValue(head.headers, 'grpc-status') !== undefined;
    const type = headerValue(head.headers, 'content-type') ?? '';
    if (head.status === 200 && !trailersOnly && !/^application\/grpc(\+|;|$)/.test(type)) {
      throw new CallFailure(GRPC_CODE.UNKNOWN, `the server answered with content-type "${type}", not application/grpc`);
    }
    if (head.status === 200 && !trailersOnly) {
      const encoding = headerValue(head.headers, 'grpc-encoding') ?? 'identity';
      const streamsOut = method.methodKind === 'server_streaming' || method.methodKind === 'bidi_streaming';
      for await (const batch of responseMessages(response.body, method.output, encoding, spec.maxMessageBytes, exchange.received)) {
        for (const m of batch) {
          responses++;
          const text = rendered(spec.formatOut, method.output, m.message, spec, registry);
          trace.emit({ type: 'grpc-message', source: 'grpc', direction: 'recv', text, format: spec.formatOut, bytes: m.bytes, wireSize: m.wireSize, compressed: m.compressed, delimited: text === null && streamsOut });
        }
        await engine.drained?.();
      }
    } else {
      response.body.resume();
    }
    const trailers = trailersOnly ? head.headers : await response.trailers;
    trace.emit({ type: 'trailers', source: 'grpc', headers: trailers });
    status = callStatus(trailers, head.status, registry);
  } catch (err) {
    try {
      // A body that fails says why through its stream (a reset's code, the connection's own failure).
      status = statusOf(err instanceof CallFailure || !response ? err : response.bodyError(err), spec, response !== undefined);
    } catch (fatal) {
      exchange.finish(fatal);
      throw fatal;
    }
  }
  const text = spec.formatError && spec.formatOut === 'text' ? statusInTextFormat(status, registry) : undefined;
  trace.emit({ type: 'grpc-status', source: 'grpc', code: status.code, message: status.message, details: status.details, requests, responses, ...(text === undefined ? {} : { text }) });
  return { status, result: exchange.finish(), startedAt: exchange.startedAt };
}
