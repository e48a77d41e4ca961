// The gRPC side of qurl serve: requests with content-type application/grpc on HTTP/2 and HTTP/3 go to the Demo
// service or to server reflection; any other method gets UNIMPLEMENTED, as grpc-go words it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadProtoTexts, type GrpcSchema } from '../../grpc/schema/index.js';
import { DEMO_PROTO, DEMO_PROTO_NAME } from './demo-proto.js';
import { DEMO_SERVICE, hasDemoMethod, serveDemo } from './demo-service.js';
import { REFLECTION_SERVICES, createReflectionAnswers, serveReflection, type ReflectionAnswers } from './reflection-service.js';
import { createServerCall } from './server-call.js';

const UNIMPLEMENTED = 12;

export function isGrpcRequest(req: IncomingMessage): boolean {
  return /^application\/grpc(\+proto)?(;|$)/.test(req.headers['content-type'] ?? '');
}

interface Demo {
  readonly schema: GrpcSchema;
  readonly reflection: ReflectionAnswers;
}

let loaded: Promise<Demo> | undefined;

/** The Demo schema, built on the first gRPC request so a plain request never pays for it. */
function demo(): Promise<Demo> {
  loaded ??= loadProtoTexts([{ name: DEMO_PROTO_NAME, text: DEMO_PROTO }]).then((schema) => ({
    schema,
    reflection: createReflectionAnswers(schema, [DEMO_SERVICE, ...REFLECTION_SERVICES]),
  }));
  return loaded;
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export async function serveGrpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.httpVersionMajor < 2) {
    return void plain(res, 505, 'gRPC needs HTTP/2 or HTTP/3\n');
  }
  if (req.method !== 'POST') {
    return void plain(res, 405, 'gRPC calls are POST\n');
  }
  const call = createServerCall(req, res);
  const [, service = '', method = ''] = /^\/([^/]+)\/([^/]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname) ?? [];
  const { schema, reflection } = await demo();
  if (REFLECTION_SERVICES.includes(service) && method === 'ServerReflectionInfo') return serveReflection(call, reflection);
  const desc = service === DEMO_SERVICE ? schema.findMethod(`${service}/${method}`) : undefined;
  if (desc && hasDemoMethod(method)) return serveDemo(call, desc, schema);
  const message = service === DEMO_SERVICE || REFLECTION_SERVICES.includes(service) ? `unknown method ${method} for service ${service}` : `unknown service ${service}`;
  call.finish({ code: UNIMPLEMENTED, message });
}
