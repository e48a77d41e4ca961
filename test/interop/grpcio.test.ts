// qurl grpc against Python grpcio's TestService (grpc core in C: an independent HTTP/2 and gRPC stack), with the
// official interop test cases as the backbone (grpc's doc/interop-test-descriptions.md), from the .proto.
import { execa } from 'execa';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GrpcCallDocument } from '../../src/render/index.js';
import { needs } from '../helpers/needs.js';
import { QURL_BIN, hermeticEnv, qurl } from '../helpers/run-qurl.js';
import { GRPC_TESTING, TEST_PROTO } from './helpers/grpc-js-server.js';
import { GRPCIO_MISSING, hasGrpcio, startGrpcioServer, type GrpcioServer } from './helpers/grpcio-server.js';
import { freePort, preparePeerDir } from './helpers/peer.js';

const present = await hasGrpcio();
const withGrpcio = needs(present, GRPCIO_MISSING);

const dir = mkdtempSync(join(tmpdir(), 'qurl-grpcio-'));
let server: GrpcioServer;
let tlsServer: GrpcioServer;
let caFile = '';
beforeAll(async () => {
  if (!present) return;
  const files = await preparePeerDir(dir, join(dir, 'www'), {});
  caFile = files.caFile;
  [server, tlsServer] = await Promise.all([startGrpcioServer(), startGrpcioServer(files)]);
});
afterAll(async () => {
  await server?.close();
  await tlsServer?.close();
});

// Debian's grpcio has no reflection service: the schema comes from the interop .proto files.
const fromProto = ['-import-path', GRPC_TESTING, '-proto', TEST_PROTO];
const grpc = (...args: string[]) => qurl(['grpc', '-plaintext', ...fromProto, ...args]);
/** Request data too large for one argv string (Linux caps each at 128 KiB) goes through stdin: -d @. */
const grpcStdin = (input: string, ...args: string[]) => qurl(['grpc', '-plaintext', ...fromProto, '-d', '@', ...args], { input });
const method = (name: string): string => `grpc.testing.TestService/${name}`;
const json = (text: string): unknown => JSON.parse(text);
const zeros = (n: number): string => Buffer.alloc(n).toString('base64');

interface Response { payload?: { body?: string } }
/** The messages qurl printed (each pretty JSON object starts a line with '{'), as their payload sizes. */
const payloadSizes = (stdout: string): number[] =>
  stdout.trim().split(/\n(?=\{)/).map((m) => Buffer.from((json(m) as Response).payload?.body ?? '', 'base64').length);

function outJson(name: string): { file: string; read: () => GrpcCallDocument } {
  const file = join(dir, `${name}.json`);
  return { file, read: () => JSON.parse(readFileSync(file, 'utf8')) as GrpcCallDocument };
}

withGrpcio.describe('qurl grpc against Python grpcio', () => {
  it('empty_unary and large_unary (a 314159-byte response for a 271828-byte request)', async () => {
    const empty = await grpc(server.address, method('EmptyCall'));
    expect([empty.exitCode, empty.stdout, empty.stderr]).toEqual([0, '{}\n', '']);
    const large = await grpcStdin(JSON.stringify({ responseSize: 314159, payload: { body: zeros(271828) } }), server.address, method('UnaryCall'));
    expect([large.exitCode, large.stderr]).toEqual([0, '']);
    const body = Buffer.from((json(large.stdout) as Response).payload!.body!, 'base64');
    expect(body.length).toBe(314159);
    expect(body.every((b) => b === 0)).toBe(true);
  });

  it('over TLS: verified with -cacert', async () => {
    const r = await qurl(['grpc', ...fromProto, '-cacert', caFile, '-d', '{"responseSize": 10}', tlsServer.address, method('UnaryCall')]);
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(json(r.stdout)).toEqual({ payload: { body: zeros(10) } });
  });

  it('a connection failure has one exit code whether reflection or the method call meets it first', async () => {
    const listed = await qurl(['grpc', tlsServer.address, 'list']);
    expect(listed.exitCode).toBe(60);
    const called = await qurl(['grpc', ...fromProto, tlsServer.address, method('EmptyCall')]);
    expect([called.exitCode, called.stderr]).toEqual([60, listed.stderr]);
    const closed = `127.0.0.1:${await freePort()}`;
    expect((await qurl(['grpc', '-plaintext', closed, 'list'])).exitCode).toBe(7);
    expect((await grpc(closed, method('EmptyCall'))).exitCode).toBe(7);
  });

  it('an unverified certificate: the advice names qurl grpc\'s own flag (-insecure), not curl\'s -k', async () => {
    const r = await qurl(['grpc', ...fromProto, tlsServer.address, method('EmptyCall')]);
    expect(r.stderr).toMatch(/^qurl: \(\d+\) SSL certificate problem: /);
    expect(r.stderr).not.toMatch(/ -k\b/);
    expect(r.stderr).toMatch(/-insecure/);
  });

  it('without -proto: grpcio has no reflection here, so qurl says to give the schema (exit 1)', async () => {
    const r = await qurl(['grpc', '-plaintext', server.address, 'list']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^qurl: \(1\) server reflection failed: Unimplemented: .*-proto or -protoset/);
  });

  it('client_streaming: 27182, 8, 1828 and 45904 bytes aggregate to 74922', async () => {
    const input = [27182, 8, 1828, 45904].map((n) => JSON.stringify({ payload: { body: zeros(n) } })).join('\n');
    const r = await grpcStdin(input, server.address, method('StreamingInputCall'));
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, '{\n  "aggregatedPayloadSize": 74922\n}\n', '']);
    const none = await grpc('-d', '', server.address, method('StreamingInputCall'));
    expect([none.exitCode, none.stdout]).toEqual([0, '{}\n']);
  });

  it('server_streaming: 31415, 9, 2653 and 58979 bytes, in order', async () => {
    const request = JSON.stringify({ responseParameters: [31415, 9, 2653, 58979].map((size) => ({ size })) });
    const r = await grpc('-d', request, server.address, method('StreamingOutputCall'));
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(payloadSizes(r.stdout)).toEqual([31415, 9, 2653, 58979]);
  });

  it('ping_pong: each response arrives before the next request is written (-d @ on a pipe)', async () => {
    const child = execa('node', [QURL_BIN, 'grpc', '-plaintext', ...fromProto, '-d', '@', server.address, method('FullDuplexCall')], {
      env: hermeticEnv(), extendEnv: false, reject: false, timeout: 20_000,
    });
    let out = '';
    let check = (): void => {};
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      check();
    });
    const responses = (n: number): Promise<void> =>
      new Promise((resolve) => {
        check = () => (out.match(/^\}$/gm) ?? []).length >= n && resolve();
        check();
      });
    const pairs = [[27182, 31415], [8, 9], [1828, 2653], [45904, 58979]] as const;
    for (const [i, [request, response]] of pairs.entries()) {
      child.stdin!.write(`${JSON.stringify({ responseParameters: [{ size: response }], payload: { body: zeros(request) } })}\n`);
      await responses(i + 1);
    }
    child.stdin!.end();
    const done = await child;
    expect([done.exitCode, done.stderr]).toEqual([0, '']);
    expect(payloadSizes(out)).toEqual([31415, 9, 2653, 58979]);
  });

  it('empty_stream: a bidi call with no requests ends OK with no responses', async () => {
    const r = await grpc('-d', '', server.address, method('FullDuplexCall'));
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, '', '']);
  });

  it('custom_metadata: initial metadata echoed as headers, -bin trailing metadata as the same bytes (base64 padded or not)', async () => {
    // The interop case: UnaryCall and FullDuplexCall, 314159 bytes back for 271828.
    const calls = [
      ['UnaryCall', JSON.stringify({ responseSize: 314159, payload: { body: zeros(271828) } })],
      ['FullDuplexCall', JSON.stringify({ responseParameters: [{ size: 314159 }], payload: { body: zeros(271828) } })],
    ] as const;
    for (const [name, request] of calls) {
      const doc = outJson(`metadata-${name}`);
      const r = await grpcStdin(request, '-out-json', doc.file, '-H', 'x-grpc-test-echo-initial: test_initial_metadata_value', '-H', 'x-grpc-test-echo-trailing-bin: q6ur', server.address, method(name));
      expect([r.exitCode, r.stderr], name).toEqual([0, '']);
      expect(payloadSizes(r.stdout), name).toEqual([314159]);
      const { response } = doc.read();
      expect(response.headers['x-grpc-test-echo-initial'], name).toEqual(['test_initial_metadata_value']);
      expect(response.trailers['x-grpc-test-echo-trailing-bin']!.map((v) => Buffer.from(v, 'base64').toString('hex')), name).toEqual(['ababab']);
    }
    // grpcurl reads a -bin value in any base64 flavour (standard or URL-safe, padded or not); grpcio echoes the bytes.
    const flavours = [['AAE=', '0001'], ['AAE', '0001'], ['q6ur', 'ababab'], ['_-8=', 'ffef'], ['_-8', 'ffef'], ['/+8', 'ffef']] as const;
    for (const [value, bytes] of flavours) {
      const doc = outJson('metadata-bin');
      const r = await grpc('-out-json', doc.file, '-H', `x-grpc-test-echo-trailing-bin: ${value}`, server.address, method('EmptyCall'));
      expect(r.exitCode, value).toBe(0);
      const echoed = doc.read().response.trailers['x-grpc-test-echo-trailing-bin']!;
      expect(echoed.map((v) => Buffer.from(v, 'base64').toString('hex')), value).toEqual([bytes]);
    }
  });

  it('custom_metadata shown with -v: the request metadata, echoed headers and trailers, the tally', async () => {
    const r = await grpc('-v', '-H', 'x-grpc-test-echo-initial: test_initial_metadata_value', '-H', 'x-grpc-test-echo-trailing-bin: q6ur', '-d', '{"responseParameters": [{"size": 3}]}', server.address, method('FullDuplexCall'));
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^\nResolved method descriptor:\n(\/\/.*\n)*rpc FullDuplexCall \( stream \.grpc\.testing\.StreamingOutputCallRequest \) returns \( stream \.grpc\.testing\.StreamingOutputCallResponse \);\n/);
    expect(r.stdout).toContain('\nRequest metadata to send:\nx-grpc-test-echo-initial: test_initial_metadata_value\nx-grpc-test-echo-trailing-bin: q6ur\n\n');
    expect(r.stdout).toContain('\nResponse headers received:\ncontent-type: application/grpc\ngrpc-accept-encoding: identity, deflate, gzip\nx-grpc-test-echo-initial: test_initial_metadata_value\n\n');
    expect(r.stdout).toContain('\nResponse contents:\n{\n  "payload": {\n    "body": "AAAA"\n  }\n}\n');
    expect(r.stdout).toMatch(/\nResponse trailers received:\nx-grpc-test-echo-trailing-bin: q6ur\nSent 1 request and received 1 response\n$/);
  });

  it('-v is grpcurl\'s output exactly: one blank line after the resolved method descriptor', async () => {
    const r = await grpc('-v', '-H', 'x-grpc-test-echo-initial: hello', '-d', '{"responseSize": 3}', server.address, method('UnaryCall'));
    expect(r.stdout).toBe(
      '\nResolved method descriptor:\n// One request followed by one response.\nrpc UnaryCall ( .grpc.testing.SimpleRequest ) returns ( .grpc.testing.SimpleResponse );\n' +
        '\nRequest metadata to send:\nx-grpc-test-echo-initial: hello\n' +
        '\nResponse headers received:\ncontent-type: application/grpc\ngrpc-accept-encoding: identity, deflate, gzip\nx-grpc-test-echo-initial: hello\n' +
        '\nResponse contents:\n{\n  "payload": {\n    "body": "AAAA"\n  }\n}\n' +
        '\nResponse trailers received:\n(empty)\nSent 1 request and received 1 response\n',
    );
  });

  it('-v shows a -bin value as grpcurl does: padded standard base64 (AAE=, not AAE)', async () => {
    const r = await grpc('-v', '-H', 'x-grpc-test-echo-trailing-bin: AAE', server.address, method('EmptyCall'));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('\nRequest metadata to send:\nx-grpc-test-echo-trailing-bin: AAE=\n');
    expect(r.stdout).toContain('\nResponse trailers received:\nx-grpc-test-echo-trailing-bin: AAE=\n');
  });

  it('-v keeps the values of one metadata name in their order, as grpcurl does', async () => {
    const r = await grpc('-v', '-H', 'x-grpc-test-echo-trailing-bin: q6ur', '-H', 'x-grpc-test-echo-trailing-bin: AAAA', server.address, method('EmptyCall'));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('\nResponse trailers received:\nx-grpc-test-echo-trailing-bin: q6ur\nx-grpc-test-echo-trailing-bin: AAAA\n');
  });

  it('status_code_and_message: UnaryCall and FullDuplexCall echo the status; grpcurl\'s ERROR text, exit 64 + code', async () => {
    const status = { code: 2, message: 'test status message' };
    const unary = await grpc('-d', JSON.stringify({ responseStatus: status }), server.address, method('UnaryCall'));
    expect([unary.exitCode, unary.stdout, unary.stderr]).toEqual([66, '', 'ERROR:\n  Code: Unknown\n  Message: test status message\n']);
    const bidi = await grpc('-d', JSON.stringify({ responseStatus: status }), server.address, method('FullDuplexCall'));
    expect([bidi.exitCode, bidi.stdout, bidi.stderr]).toEqual([66, '', 'ERROR:\n  Code: Unknown\n  Message: test status message\n']);
    // After messages: the responses are printed, then the status.
    const late = await grpc('-d', JSON.stringify({ responseParameters: [{ size: 3 }], responseStatus: { code: 11, message: 'after one' } }), server.address, method('StreamingOutputCall'));
    expect([late.exitCode, late.stdout, late.stderr]).toEqual([75, '{\n  "payload": {\n    "body": "AAAA"\n  }\n}\n', 'ERROR:\n  Code: OutOfRange\n  Message: after one\n']);
  });

  it('special_status_message: whitespace and non-ASCII survive grpc-message\'s percent-encoding', async () => {
    const message = '\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n';
    const r = await grpc('-d', JSON.stringify({ responseStatus: { code: 2, message } }), server.address, method('UnaryCall'));
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([66, '', `ERROR:\n  Code: Unknown\n  Message: ${message}\n`]);
  });

  it('unimplemented_method and unimplemented_service: grpcio\'s Unimplemented, exit 76', async () => {
    const unimplemented = 'ERROR:\n  Code: Unimplemented\n  Message: Method not found!\n';
    const m = await grpc(server.address, method('UnimplementedCall'));
    expect([m.exitCode, m.stdout, m.stderr]).toEqual([76, '', unimplemented]);
    const s = await grpc(server.address, 'grpc.testing.UnimplementedService/UnimplementedCall');
    expect([s.exitCode, s.stdout, s.stderr]).toEqual([76, '', unimplemented]);
  });

  it('-max-time goes as grpc-timeout: grpcio knows the deadline (time_remaining), and has none without it', async () => {
    const doc = outJson('deadline');
    const r = await grpc('-max-time', '5', '-out-json', doc.file, '-H', 'x-qurl-test-echo-deadline: 1', server.address, method('EmptyCall'));
    expect(r.exitCode).toBe(0);
    const left = Number(doc.read().response.trailers['x-qurl-test-time-remaining']![0]);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(5);
    const none = await grpc('-out-json', doc.file, '-H', 'x-qurl-test-echo-deadline: 1', server.address, method('EmptyCall'));
    expect(none.exitCode).toBe(0);
    expect(doc.read().response.trailers['x-qurl-test-time-remaining']).toEqual(['none']);
  });

  it('timeout_on_sleeping_server: -max-time 0.5 against a 10 s sleep; DeadlineExceeded, exit 68, within the bound', async () => {
    const sleepy = JSON.stringify({ responseParameters: [{ size: 27182, intervalUs: 10_000_000 }], payload: { body: zeros(27182) } });
    for (const name of ['StreamingOutputCall', 'FullDuplexCall']) {
      const r = await grpc('-max-time', '0.5', '-d', sleepy, server.address, method(name));
      expect([r.exitCode, r.stdout], name).toEqual([68, '']);
      expect(r.stderr, name).toMatch(/^ERROR:\n {2}Code: DeadlineExceeded\n {2}Message: .+\n$/);
      expect(r.ms, name).toBeLessThan(4000);
    }
  });

  it('-compress gzip: requests go gzip-compressed and grpcio decodes them', async () => {
    const doc = outJson('gzip-up');
    const input = [27182, 8, 1828, 45904].map((n) => JSON.stringify({ payload: { body: zeros(n) } })).join('');
    const r = await grpcStdin(input, '-compress', 'gzip', '-out-json', doc.file, server.address, method('StreamingInputCall'));
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, '{\n  "aggregatedPayloadSize": 74922\n}\n', '']);
    const { request } = doc.read();
    expect(request.metadata['grpc-encoding']).toEqual(['gzip']);
    expect(request.messages.map((m) => m.compressed)).toEqual([true, true, true, true]);
    // Zeros compress: 27182 bytes of them take a few dozen on the wire.
    expect(request.messages[0]!.wireSize).toBeLessThan(request.messages[0]!.size / 10);
    const unary = await grpcStdin(JSON.stringify({ responseSize: 5, payload: { body: zeros(100_000) } }), '-compress', 'gzip', server.address, method('UnaryCall'));
    expect([unary.exitCode, json(unary.stdout)]).toEqual([0, { payload: { body: zeros(5) } }]);
  });

  it('gzip responses: decoded when the call asks (response_compressed), per message in a stream, and always from HalfDuplexCall', async () => {
    const unary = outJson('gzip-unary');
    const r = await grpc('-v', '-out-json', unary.file, '-d', JSON.stringify({ responseSize: 314159, responseCompressed: { value: true } }), server.address, method('UnaryCall'));
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/\nResponse headers received:\n(.*\n)*grpc-encoding: gzip\n/);
    expect(payloadSizes(/\nResponse contents:\n(\{[^]*?\n\})\n/.exec(r.stdout)![1]!)).toEqual([314159]);
    expect(unary.read().response.messages.map((m) => [m.compressed, m.wireSize < m.size / 10])).toEqual([[true, true]]);

    const stream = outJson('gzip-stream');
    const mixed = [{ size: 1000, compressed: { value: true } }, { size: 1000 }, { size: 2000, compressed: { value: true } }];
    const s = await grpc('-out-json', stream.file, '-d', JSON.stringify({ responseParameters: mixed }), server.address, method('StreamingOutputCall'));
    expect([s.exitCode, s.stderr]).toEqual([0, '']);
    expect(payloadSizes(s.stdout)).toEqual([1000, 1000, 2000]);
    expect(stream.read().response.messages.map((m) => m.compressed)).toEqual([true, false, true]);

    const half = outJson('gzip-half');
    const h = await grpc('-out-json', half.file, '-d', '{"responseParameters": [{"size": 5000}]}{"responseParameters": [{"size": 7000}]}', server.address, method('HalfDuplexCall'));
    expect([h.exitCode, h.stderr]).toEqual([0, '']);
    expect(payloadSizes(h.stdout)).toEqual([5000, 7000]);
    const doc = half.read();
    expect(doc.response.headers['grpc-encoding']).toEqual(['gzip']);
    expect(doc.response.messages.map((m) => m.compressed)).toEqual([true, true]);
  });

  it('status details: grpc-status-details-bin (google.rpc.Status) shown under Details:, the ErrorInfo decoded', async () => {
    const request = JSON.stringify({ responseStatus: { code: 5, message: 'no such thing' } });
    const r = await grpc('-H', 'x-qurl-test-details-reason: QURL_TEST', '-d', request, server.address, method('UnaryCall'));
    expect([r.exitCode, r.stdout]).toEqual([69, '']);
    expect(r.stderr).toBe(
      'ERROR:\n  Code: NotFound\n  Message: no such thing\n  Details:\n' +
        '  1)\t{\n' +
        '    \t  "@type": "type.googleapis.com/google.rpc.ErrorInfo",\n' +
        '    \t  "reason": "QURL_TEST",\n' +
        '    \t  "domain": "grpcio.qurl.test",\n' +
        '    \t  "metadata": {\n' +
        '    \t    "requested_code": "5"\n' +
        '    \t  }\n' +
        '    \t}\n',
    );
    const asJson = await grpc('-format-error', '-H', 'x-qurl-test-details-reason: QURL_TEST', '-d', request, server.address, method('UnaryCall'));
    expect(asJson.exitCode).toBe(69);
    expect(json(asJson.stderr)).toEqual({
      code: 5,
      message: 'no such thing',
      details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'QURL_TEST', domain: 'grpcio.qurl.test', metadata: { requested_code: '5' } }],
    });
  });

  it('trailers-only: grpcio answers an error before any message with one HEADERS frame; -v shows it as trailers', async () => {
    const request = JSON.stringify({ responseStatus: { code: 9, message: 'before any message' } });
    const v = await grpc('-v', '-d', request, server.address, method('UnaryCall'));
    expect([v.exitCode, v.stderr]).toEqual([73, 'ERROR:\n  Code: FailedPrecondition\n  Message: before any message\n']);
    expect(v.stdout).toMatch(/\nResponse headers received:\n\(empty\)\n\nResponse trailers received:\ncontent-type: application\/grpc\nSent 1 request and received 0 responses\n$/);
    // On the wire: the call's only response frame is a HEADERS with END_STREAM | END_HEADERS, no DATA.
    const vv = await grpc('-vv', '-d', request, server.address, method('UnaryCall'));
    expect(vv.exitCode).toBe(73);
    expect(vv.stderr.match(/recv HEADERS frame <[^>]*>/g)).toEqual([expect.stringMatching(/flags=0x05, stream_id=1>$/)]);
    expect(vv.stderr).not.toMatch(/recv DATA frame/);
  });
});
