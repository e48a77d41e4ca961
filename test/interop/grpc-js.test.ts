// qurl grpc against @grpc/grpc-js's TestService (an independent gRPC server), with the official interop test
// cases as the backbone (grpc's doc/interop-test-descriptions.md), by reflection and from the .proto.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qurl } from '../helpers/run-qurl.js';
import { GRPC_TESTING, TEST_PROTO, startGrpcJsServer, type GrpcJsServer } from './helpers/grpc-js-server.js';

let server: GrpcJsServer;
beforeAll(async () => {
  server = await startGrpcJsServer();
});
afterAll(() => server.close());

const grpc = (...args: string[]) => qurl(['grpc', '-plaintext', ...args]);
const fromProto = ['-import-path', GRPC_TESTING, '-proto', TEST_PROTO];
const json = (text: string): unknown => JSON.parse(text);

describe('qurl grpc against grpc-js', () => {
  it('list and describe by server reflection', async () => {
    const list = await grpc(server.address, 'list');
    expect(list.stderr).toBe('');
    // @grpc/reflection lists the services of the package definition it was given, not itself.
    expect(list.stdout).toBe('grpc.testing.ReconnectService\ngrpc.testing.TestService\ngrpc.testing.UnimplementedService\n');
    const methods = await grpc(server.address, 'list', 'grpc.testing.TestService');
    expect(methods.stdout.split('\n')).toContain('grpc.testing.TestService.FullDuplexCall');
    const d = await grpc(server.address, 'describe', 'grpc.testing.TestService.UnaryCall');
    expect(d.stdout).toBe('grpc.testing.TestService.UnaryCall is a method:\nrpc UnaryCall ( .grpc.testing.SimpleRequest ) returns ( .grpc.testing.SimpleResponse );\n');
  });

  it.each([['by reflection', []], ['from the .proto', fromProto]])('empty_unary and large_unary %s', async (_how, schema) => {
    const empty = await grpc(...schema, server.address, 'grpc.testing.TestService/EmptyCall');
    expect([empty.exitCode, empty.stdout, empty.stderr]).toEqual([0, '{}\n', '']);
    const large = await grpc(...schema, '-d', '{"responseSize": 314159, "payload": {"body": "AAAA"}}', server.address, 'grpc.testing.TestService/UnaryCall');
    expect(large.exitCode).toBe(0);
    const body = (json(large.stdout) as { payload: { type: string; body: string } }).payload;
    expect(Buffer.from(body.body, 'base64').length).toBe(314159);
  });

  it('client_streaming: each JSON object is a message; server_streaming: each response as it arrives', async () => {
    const sizes = [27182, 8, 1828, 45904];
    const input = sizes.map((n) => JSON.stringify({ payload: { body: Buffer.alloc(n).toString('base64') } })).join('\n');
    const up = await grpc(...fromProto, '-d', input, server.address, 'grpc.testing.TestService/StreamingInputCall');
    expect([up.exitCode, json(up.stdout)]).toEqual([0, { aggregatedPayloadSize: 74922 }]);
    const down = await grpc(...fromProto, '-d', JSON.stringify({ responseParameters: [31415, 9, 2653, 58979].map((size) => ({ size })) }), server.address, 'grpc.testing.TestService/StreamingOutputCall');
    expect(down.exitCode).toBe(0);
    const messages = down.stdout.trim().split(/\n(?=\{)/).map((m) => json(m) as { payload: { body?: string } });
    expect(messages.map((m) => Buffer.from(m.payload.body ?? '', 'base64').length)).toEqual([31415, 9, 2653, 58979]);
  });

  it('ping_pong and empty_stream over the bidi FullDuplexCall', async () => {
    const input = [31415, 9, 2653].map((size) => JSON.stringify({ responseParameters: [{ size }] })).join('');
    const r = await grpc(...fromProto, '-d', input, server.address, 'grpc.testing.TestService/FullDuplexCall');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split(/\n(?=\{)/)).toHaveLength(3);
    const empty = await grpc(...fromProto, '-d', '', server.address, 'grpc.testing.TestService/FullDuplexCall');
    expect([empty.exitCode, empty.stdout, empty.stderr]).toEqual([0, '', '']);
  });

  it('custom_metadata: initial and trailing (-bin) metadata come back, shown with -v', async () => {
    const r = await grpc(...fromProto, '-v', '-H', 'x-grpc-test-echo-initial: test_initial_metadata_value', '-H', 'x-grpc-test-echo-trailing-bin: q6ur', server.address, 'grpc.testing.TestService/EmptyCall');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/\nResponse headers received:\n(.*\n)*x-grpc-test-echo-initial: test_initial_metadata_value\n/);
    expect(r.stdout).toMatch(/\nResponse trailers received:\nx-grpc-test-echo-trailing-bin: q6ur\n/);
    expect(r.stdout).toMatch(/Sent 1 request and received 1 response\n$/);
  });

  it('status_code_and_message and special_status_message: grpcurl\'s ERROR text, exit 64 + code', async () => {
    const message = '\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n';
    const r = await grpc(...fromProto, '-d', JSON.stringify({ responseStatus: { code: 2, message } }), server.address, 'grpc.testing.TestService/UnaryCall');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`ERROR:\n  Code: Unknown\n  Message: ${message}\n`);
    expect(r.exitCode).toBe(66);
  });

  it('unimplemented_method and unimplemented_service: Unimplemented, exit 76', async () => {
    const method = await grpc(...fromProto, server.address, 'grpc.testing.TestService/UnimplementedCall');
    expect(method.stderr).toMatch(/^ERROR:\n {2}Code: Unimplemented\n/);
    expect(method.exitCode).toBe(76);
    const service = await grpc(...fromProto, server.address, 'grpc.testing.UnimplementedService/UnimplementedCall');
    expect(service.exitCode).toBe(76);
  });

  it('timeout_on_sleeping_server: -max-time is sent as grpc-timeout and enforced: DeadlineExceeded, exit 68', async () => {
    const slow = JSON.stringify({ responseParameters: [{ size: 1, intervalUs: 5_000_000 }] });
    const r = await grpc(...fromProto, '-max-time', '0.5', '-d', slow, server.address, 'grpc.testing.TestService/StreamingOutputCall');
    expect(r.stderr).toMatch(/^ERROR:\n {2}Code: DeadlineExceeded\n/);
    expect(r.exitCode).toBe(68);
    expect(r.ms).toBeLessThan(4000);
  });
});
