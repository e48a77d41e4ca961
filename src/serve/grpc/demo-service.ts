// qurl.demo.v1.Demo (demo-proto.ts) on qurl serve: one method per call type and per edge case a client must
// handle. Metadata named x-echo-* comes back as response headers; the trailers say how many messages arrived.
import { create, fromBinary, toBinary, type DescMessage, type DescMethod, type MessageShape } from '@bufbuild/protobuf';
import { anyPack, durationMs, timestampNow, type Duration } from '@bufbuild/protobuf/wkt';
import type { GrpcSchema } from '../../grpc/schema/index.js';
import { failCall, type ServerCall } from './server-call.js';

export const DEMO_SERVICE = 'qurl.demo.v1.Demo';

const MAX_COUNT = 1_000_000;
const MAX_DELAY_MS = 600_000;

// Generic messages from a runtime schema: fields by their JSON-style local names.
type Fields = Record<string, unknown>;

interface Typed {
  readonly call: ServerCall;
  readMessages(): AsyncGenerator<Fields>;
  send(fields: Fields): Promise<void>;
  /** OK, with the trailer counting the request messages. */
  ok(): void;
}

type DemoMethod = (io: Typed, schema: GrpcSchema) => Promise<void>;

function echoHeaders(call: ServerCall): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.metadata)) if (name.startsWith('x-echo-') && value !== undefined) out[name] = String(value);
  return out;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

/** A request's fields, to answer with a reply of another type. */
function withoutType({ $typeName: _type, ...fields }: Fields): Fields {
  return fields;
}

const msOf = (d: unknown): number => (d ? Math.max(0, durationMs(d as Duration)) : 0);

async function first(io: Typed): Promise<Fields> {
  for await (const m of io.readMessages()) return m;
  return {};
}

function statusDetails(schema: GrpcSchema, code: number, message: string): Uint8Array | undefined {
  const status = schema.registry.getMessage('google.rpc.Status');
  const info = schema.registry.getMessage('google.rpc.ErrorInfo');
  if (!status || !info) return undefined;
  const detail = anyPack(info, create(info, { reason: 'DEMO_FAILURE', domain: 'qurl.demo.v1', metadata: { requested_code: String(code) } } as never));
  return toBinary(status, create(status, { code, message, details: [detail] } as never));
}

const METHODS: Record<string, DemoMethod> = {
  async Echo(io) {
    const request = await first(io);
    io.call.sendHeaders(echoHeaders(io.call));
    await io.send({ ...withoutType(request), answeredAt: timestampNow() });
    io.ok();
  },
  async Count(io) {
    const request = await first(io);
    const count = Math.min(Number(request.count ?? 0), MAX_COUNT);
    const interval = msOf(request.interval);
    io.call.sendHeaders(echoHeaders(io.call));
    for (let i = 1; i <= count && !io.call.signal.aborted; i++) {
      if (interval > 0 && i > 1) await sleep(interval, io.call.signal);
      await io.send({ value: BigInt(i) });
    }
    io.ok();
  },
  async Sum(io) {
    let sum = 0n;
    let count = 0;
    for await (const m of io.readMessages()) {
      sum += BigInt((m.value as bigint | undefined) ?? 0n);
      count++;
    }
    io.call.sendHeaders(echoHeaders(io.call));
    await io.send({ sum, count });
    io.ok();
  },
  async Chat(io) {
    io.call.sendHeaders(echoHeaders(io.call));
    for await (const m of io.readMessages()) await io.send({ ...withoutType(m), answeredAt: timestampNow() });
    io.ok();
  },
  async Fail(io, schema) {
    const request = await first(io);
    const code = Number(request.code ?? 2) || 2;
    const message = String(request.message ?? '') || 'the demo failure asked for';
    io.call.sendHeaders(echoHeaders(io.call));
    io.call.finish({ code, message, details: statusDetails(schema, code, message), trailers: { 'x-qurl-failed': 'yes' } });
  },
  async Slow(io) {
    const request = await first(io);
    await sleep(Math.min(msOf(request.delay), MAX_DELAY_MS), io.call.signal);
    if (io.call.signal.aborted) return;
    await io.send({ message: 'done', answeredAt: timestampNow() });
    io.ok();
  },
  async TrailersOnly(io) {
    const request = await first(io);
    io.call.finish({ code: Number(request.code ?? 5) || 5, message: String(request.message ?? '') || 'trailers only' });
  },
};

export function hasDemoMethod(name: string): boolean {
  return Object.hasOwn(METHODS, name);
}

export async function serveDemo(call: ServerCall, method: DescMethod, schema: GrpcSchema): Promise<void> {
  let received = 0;
  const input: DescMessage = method.input;
  const output: DescMessage = method.output;
  const io: Typed = {
    call,
    async *readMessages() {
      for await (const payload of call.messages()) {
        received++;
        yield fromBinary(input, payload) as unknown as Fields;
      }
    },
    send: (fields) => call.send(toBinary(output, create(output, fields as never) as MessageShape<DescMessage>)),
    ok: () => call.finish({ code: 0, trailers: { 'x-qurl-received': String(received) } }),
  };
  try {
    await METHODS[method.name]!(io, schema);
  } catch (err) {
    failCall(call, err);
  }
}
