// Hostile gRPC servers: node:http2 servers that answer a call wrongly — not gRPC at all, broken framing,
// bombs, resets, a missing or garbled status. Each ends in grpcurl's ERROR block with the code grpc-go would
// give (exit 64 + code), the messages received before it kept on stdout, and never a hang or a success.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeGrpcMessage } from '../../src/codec/index.js';
import { DEMO_PROTO, DEMO_PROTO_NAME } from '../../src/serve/index.js';
import { qurl } from '../helpers/run-qurl.js';
import { startRawH2Server, type H2Script } from './peers/raw-h2-server.js';

type Script = (stream: http2.ServerHttp2Stream) => void;

interface GrpcCase {
  readonly name: string;
  /** A node:http2 stream handler, or a raw frame script (for resets and drops node:http2 cannot send as such). */
  readonly script: Script | { readonly raw: H2Script };
  readonly exit: number;
  /** stderr, whole: grpcurl's block, or qurl's one line. */
  readonly stderr: RegExp;
  /** stdout: the messages received before the failure. */
  readonly stdout?: string;
  readonly args?: readonly string[];
  readonly withinMs?: number;
}

const dir = mkdtempSync(join(tmpdir(), 'qurl-grpc-hostile-'));
const proto = ['-import-path', dir, '-proto', DEMO_PROTO_NAME];
beforeAll(() => {
  mkdirSync(join(dir, 'qurl/demo/v1'), { recursive: true });
  writeFileSync(join(dir, DEMO_PROTO_NAME), DEMO_PROTO);
});

const GRPC = { ':status': 200, 'content-type': 'application/grpc' };
/** qurl.demo.v1.Number { value: n } */
const number = (n: number): Uint8Array => encodeGrpcMessage(Uint8Array.of(0x08, n));
const ONE = '{\n  "value": "1"\n}\n';
const block = (code: string, message: string): RegExp => new RegExp(`^ERROR:\\n {2}Code: ${code}\\n {2}Message: ${message}\\n$`);

/** Raw frames: the head and one message, then `after` 50 ms later. */
function oneThen(after: (p: Parameters<H2Script>[0], id: number) => void): H2Script {
  return (p, id) => {
    p.headers(id, [[':status', '200'], ['content-type', 'application/grpc']]);
    p.data(id, number(1));
    setTimeout(() => after(p, id), 50);
  };
}

/** Writes the messages, then ends with trailers. */
function answer(messages: readonly Uint8Array[], trailers: Record<string, string>, headers: Record<string, string | number> = GRPC): Script {
  return (stream) => {
    stream.respond(headers, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    for (const m of messages) stream.write(m);
    stream.end();
  };
}

const cases: GrpcCase[] = [
  {
    name: 'HTTP 404 with text/plain: Unimplemented, as the HTTP-to-gRPC mapping says',
    script: (s) => (s.respond({ ':status': 404, 'content-type': 'text/plain' }), s.end('no such route\n')),
    exit: 76, stderr: block('Unimplemented', 'the server answered HTTP 404, not gRPC'),
  },
  {
    name: 'HTTP 503: Unavailable',
    script: (s) => (s.respond({ ':status': 503 }), s.end()),
    exit: 78, stderr: block('Unavailable', 'the server answered HTTP 503, not gRPC'),
  },
  {
    name: 'HTTP 200 with text/html: Unknown, naming the content-type',
    script: (s) => (s.respond({ ':status': 200, 'content-type': 'text/html' }), s.end('<html>')),
    exit: 66, stderr: block('Unknown', 'the server answered with content-type "text/html", not application/grpc'),
  },
  {
    name: 'a message, then trailers without grpc-status: the message kept, Unknown',
    script: answer([number(1)], { 'x-other': 'y' }),
    exit: 66, stdout: ONE, stderr: block('Unknown', 'the server sent no grpc-status'),
  },
  {
    name: 'grpc-status that is not a number: Unknown',
    script: answer([], { 'grpc-status': 'abc', 'grpc-message': 'what' }),
    exit: 66, stderr: block('Unknown', 'grpc-status "abc" is not a number: what'),
  },
  {
    name: 'a compressed flag of 2: Internal',
    script: answer([Uint8Array.of(2, 0, 0, 0, 0)], { 'grpc-status': '0' }),
    exit: 77, stderr: block('Internal', 'the response does not frame as gRPC: a message with compressed flag 2 \\(only 0 and 1 exist\\)'),
  },
  {
    name: 'a message cut short, then grpc-status 0: never a success',
    script: answer([number(1), Uint8Array.of(0, 0, 0, 0, 100, 1, 2, 3)], { 'grpc-status': '0' }),
    exit: 77, stdout: ONE, stderr: block('Internal', 'the response ended inside a message: .*'),
  },
  {
    name: 'a compressed message without grpc-encoding: Internal',
    script: answer([encodeGrpcMessage(gzipSync(Uint8Array.of(8, 1)), true)], { 'grpc-status': '0' }),
    exit: 77, stderr: block('Internal', 'the server sent a compressed message but no grpc-encoding'),
  },
  {
    name: 'a gzip bomb (100 MiB of zeros in one message) under the 4 MiB default: ResourceExhausted, at once',
    script: answer([encodeGrpcMessage(gzipSync(Buffer.alloc(100 * 1024 * 1024)), true)], { 'grpc-status': '0' }, { ...GRPC, 'grpc-encoding': 'gzip' }),
    exit: 72, stderr: block('ResourceExhausted', 'a response message decompresses to more than 4194304 bytes \\(-max-msg-sz\\)'),
  },
  {
    name: 'a message announcing 2 GiB: ResourceExhausted at its prefix, nothing buffered',
    script: (s) => (s.respond(GRPC), s.write(Uint8Array.of(0, 0x80, 0, 0, 0))),
    exit: 72, stderr: block('ResourceExhausted', 'the response does not frame as gRPC: a message of 2147483648 bytes is over the limit of 4194304 \\(--max-msg-sz\\)'),
  },
  {
    name: 'bytes that do not decode as the method\'s type: Internal',
    script: answer([encodeGrpcMessage(Uint8Array.of(0x0f, 0xff))], { 'grpc-status': '0' }),
    exit: 77, stderr: block('Internal', 'a response message does not decode as qurl\\.demo\\.v1\\.Number: .*'),
  },
  {
    name: 'RST_STREAM (INTERNAL_ERROR) after one message: the message kept, Internal',
    script: { raw: oneThen((p, id) => p.rst(id, http2.constants.NGHTTP2_INTERNAL_ERROR)) },
    exit: 77, stdout: ONE, stderr: block('Internal', 'stream terminated by RST_STREAM with error code: INTERNAL_ERROR'),
  },
  {
    name: 'RST_STREAM (CANCEL): Canceled',
    script: { raw: oneThen((p, id) => p.rst(id, http2.constants.NGHTTP2_CANCEL)) },
    exit: 65, stdout: ONE, stderr: block('Canceled', 'stream terminated by RST_STREAM with error code: CANCEL'),
  },
  {
    name: 'RST_STREAM (REFUSED_STREAM) before any answer: Unavailable',
    script: { raw: (p, id) => p.rst(id, http2.constants.NGHTTP2_REFUSED_STREAM) },
    exit: 78, stderr: block('Unavailable', 'stream terminated by RST_STREAM with error code: REFUSED_STREAM'),
  },
  {
    name: 'the connection dropped after one message: the message kept, Unavailable',
    script: { raw: oneThen((p) => p.destroy()) },
    exit: 78, stdout: ONE, stderr: /^ERROR:\n {2}Code: Unavailable\n {2}Message: .*\n$/,
  },
  {
    name: 'GOAWAY (ENHANCE_YOUR_CALM) below the call\'s stream, then the connection closed: Unavailable, as grpc-go says',
    script: { raw: oneThen((p, id) => (p.goaway(id - 2, http2.constants.NGHTTP2_ENHANCE_YOUR_CALM), p.rst(id, http2.constants.NGHTTP2_ENHANCE_YOUR_CALM))) },
    exit: 78, stdout: ONE, stderr: /^ERROR:\n {2}Code: Unavailable\n {2}Message: .*\n$/,
  },
  {
    name: 'a server that never answers, with -max-time 1: DeadlineExceeded within the bound',
    script: () => {},
    args: ['-max-time', '1'],
    exit: 68, stderr: /^ERROR:\n {2}Code: DeadlineExceeded\n {2}Message: .*\n$/,
    withinMs: 4000,
  },
];

async function startServer(script: GrpcCase['script']): Promise<{ address: string; close(): Promise<void> }> {
  if (typeof script !== 'function') {
    const raw = await startRawH2Server(script.raw);
    return { address: `127.0.0.1:${raw.port}`, close: () => raw.close() };
  }
  const server = http2.createServer();
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => (sessions.add(session), session.on('error', () => {})));
  server.on('stream', (stream) => {
    stream.on('error', () => {});
    // Read the request to its end first, as a server does before it answers a server-streaming call.
    stream.resume();
    stream.once('end', () => script(stream));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((done) => (sessions.forEach((s) => s.destroy()), server.close(() => done()))),
  };
}

describe('hostile gRPC servers (qurl grpc against node:http2 servers that misbehave)', () => {
  for (const c of cases) {
    it(`${c.name} → ${c.exit}`, async () => {
      const server = await startServer(c.script);
      try {
        const r = await qurl(['grpc', '-plaintext', ...proto, ...(c.args ?? []), '-d', '{"count": 1}', server.address, 'qurl.demo.v1.Demo/Count']);
        expect(r.stderr).toMatch(c.stderr);
        expect(r.exitCode, r.stderr).toBe(c.exit);
        expect(r.stdout).toBe(c.stdout ?? '');
        expect(r.ms).toBeLessThan(c.withinMs ?? 5000);
      } finally {
        await server.close();
      }
    }, 30_000);
  }
});
