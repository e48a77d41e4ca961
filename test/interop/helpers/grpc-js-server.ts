// The official gRPC interop TestService (grpc's doc/interop-test-descriptions.md) on @grpc/grpc-js, with server
// reflection (@grpc/reflection): an independent gRPC server for qurl grpc's interop tests, in-process.
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';

export const GRPC_TESTING = join(import.meta.dirname, '../../fixtures/grpc-testing');
export const TEST_PROTO = 'src/proto/grpc/testing/test.proto';

interface Payload { type?: string; body?: Buffer }
interface EchoStatus { code?: number; message?: string }
interface SimpleRequest { responseSize?: number; payload?: Payload; responseStatus?: EchoStatus; fillUsername?: boolean }
interface ResponseParameters { size?: number; intervalUs?: number }
interface StreamingOutputCallRequest { responseParameters?: ResponseParameters[]; payload?: Payload; responseStatus?: EchoStatus }

const zeros = (n: number): Payload => ({ type: 'COMPRESSABLE', body: Buffer.alloc(n) });

/** x-grpc-test-echo-initial goes back as initial metadata, x-grpc-test-echo-trailing-bin as trailing metadata. */
function echoMetadata(call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown> | grpc.ServerReadableStream<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>): grpc.Metadata {
  const initial = new grpc.Metadata();
  for (const v of call.metadata.get('x-grpc-test-echo-initial')) initial.add('x-grpc-test-echo-initial', v);
  call.sendMetadata(initial);
  const trailing = new grpc.Metadata();
  for (const v of call.metadata.get('x-grpc-test-echo-trailing-bin')) trailing.add('x-grpc-test-echo-trailing-bin', v);
  return trailing;
}

function statusError(s: EchoStatus | undefined, trailing: grpc.Metadata): Partial<grpc.StatusObject> | null {
  if (!s?.code) return null;
  return { code: s.code, details: s.message ?? '', metadata: trailing };
}

const handlers: grpc.UntypedServiceImplementation = {
  EmptyCall: (call: grpc.ServerUnaryCall<unknown, unknown>, done: grpc.sendUnaryData<unknown>) => {
    const trailing = echoMetadata(call);
    done(null, {}, trailing);
  },
  UnaryCall: (call: grpc.ServerUnaryCall<SimpleRequest, unknown>, done: grpc.sendUnaryData<unknown>) => {
    const trailing = echoMetadata(call);
    const failure = statusError(call.request.responseStatus, trailing);
    if (failure) return done(failure as grpc.ServiceError, null);
    done(null, { payload: zeros(call.request.responseSize ?? 0), username: call.request.fillUsername ? 'qurl-test-user' : '' }, trailing);
  },
  StreamingOutputCall: (call: grpc.ServerWritableStream<StreamingOutputCallRequest, unknown>) => {
    const trailing = echoMetadata(call);
    void (async () => {
      for (const p of call.request.responseParameters ?? []) {
        if (p.intervalUs) await new Promise((r) => setTimeout(r, p.intervalUs! / 1000));
        call.write({ payload: zeros(p.size ?? 0) });
      }
      const failure = statusError(call.request.responseStatus, trailing);
      if (failure) call.emit('error', failure);
      else call.end(trailing);
    })();
  },
  StreamingInputCall: (call: grpc.ServerReadableStream<{ payload?: Payload }, unknown>, done: grpc.sendUnaryData<unknown>) => {
    const trailing = echoMetadata(call);
    let total = 0;
    call.on('data', (m: { payload?: Payload }) => (total += m.payload?.body?.length ?? 0));
    call.on('end', () => done(null, { aggregatedPayloadSize: total }, trailing));
  },
  FullDuplexCall: (call: grpc.ServerDuplexStream<StreamingOutputCallRequest, unknown>) => {
    const trailing = echoMetadata(call);
    call.on('data', (m: StreamingOutputCallRequest) => {
      const failure = statusError(m.responseStatus, trailing);
      if (failure) return void call.emit('error', failure);
      for (const p of m.responseParameters ?? []) call.write({ payload: zeros(p.size ?? 0) });
    });
    call.on('end', () => call.end(trailing));
  },
  HalfDuplexCall: (call: grpc.ServerDuplexStream<StreamingOutputCallRequest, unknown>) => {
    const trailing = echoMetadata(call);
    const pending: StreamingOutputCallRequest[] = [];
    call.on('data', (m: StreamingOutputCallRequest) => pending.push(m));
    call.on('end', () => {
      for (const m of pending) for (const p of m.responseParameters ?? []) call.write({ payload: zeros(p.size ?? 0) });
      call.end(trailing);
    });
  },
};

export interface GrpcJsServer {
  readonly address: string;
  close(): Promise<void>;
}

/** TestService (UnimplementedCall left out, as the interop spec says) with reflection, on 127.0.0.1: plaintext or TLS. */
export async function startGrpcJsServer(tls?: { readonly key: string; readonly cert: string }): Promise<GrpcJsServer> {
  const definition = protoLoader.loadSync(TEST_PROTO, { includeDirs: [GRPC_TESTING], keepCase: false, longs: String, enums: String, defaults: true });
  const proto = grpc.loadPackageDefinition(definition) as unknown as { grpc: { testing: { TestService: { service: grpc.ServiceDefinition } } } };
  const server = new grpc.Server();
  // UnimplementedCall has no handler: grpc-js answers it UNIMPLEMENTED, as the interop spec wants.
  server.addService(proto.grpc.testing.TestService.service, handlers);
  new ReflectionService(definition).addToServer(server);
  const credentials = tls ? grpc.ServerCredentials.createSsl(null, [{ private_key: Buffer.from(tls.key), cert_chain: Buffer.from(tls.cert) }]) : grpc.ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', credentials, (err, p) => (err ? reject(err) : resolve(p))));
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
