// A gRPC call with raw message bytes both ways, collected whole: what server reflection needs (its messages are
// few, small and fixed, read without a schema).
import { Readable } from 'node:stream';
import { createRegistry } from '@bufbuild/protobuf';
import { createGrpcMessageReader, encodeGrpcMessage } from '../codec/index.js';
import type { AppEngine } from '../engine/index.js';
import { toQurlError } from '../errors/index.js';
import { headerValue, type HeaderList } from '../trace/index.js';
import { callStatus, type CallStatus } from './call-status.js';
import type { GrpcSpec } from './grpc-spec.js';

export interface RawCallResult {
  readonly responses: readonly Uint8Array[];
  readonly status: CallStatus;
}

/** `id` numbers the exchange in the trace: the method call is 0, so reflection's calls take 1 and up. */
export async function callRaw(spec: GrpcSpec, path: string, requests: readonly Uint8Array[], metadata: HeaderList, engine: AppEngine, id: number): Promise<RawCallResult> {
  const exchange = engine.start(spec.transfer, id);
  try {
    const response = await exchange.open({
      url: `${spec.target!.baseUrl}${path}`,
      method: 'POST',
      headers: [['content-type', 'application/grpc'], ['user-agent', spec.userAgent], ['te', 'trailers'], ...metadata],
      authority: spec.target!.authority,
      body: { stream: Readable.from(requests.map((r) => Buffer.from(encodeGrpcMessage(r)))), length: null, source: 'the reflection request' },
    });
    const reader = createGrpcMessageReader({ maxMessageBytes: spec.maxMessageBytes });
    const responses: Uint8Array[] = [];
    for await (const chunk of response.body as AsyncIterable<Buffer>) for (const m of reader.push(chunk)) responses.push(m.payload);
    reader.end();
    const trailersOnly = headerValue(response.head.headers, 'grpc-status') !== undefined;
    const trailers = trailersOnly ? response.head.headers : await response.trailers;
    exchange.finish();
    return { responses, status: callStatus(trailers, response.head.status, createRegistry()) };
  } catch (err) {
    exchange.finish(err);
    throw toQurlError(err, 'grpc-failure');
  }
}
