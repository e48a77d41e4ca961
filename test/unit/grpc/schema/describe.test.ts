// describe: grpcurl's output for each kind of symbol (protoprint, compact, doc comments only, sorted,
// fully-qualified), on the interop schema and the fixtures.
import { describe, expect, it } from 'vitest';
import { loadFixtures, loadInterop } from './schema-fixtures.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('describe on the interop schema', () => {
  it('prints a service with its methods sorted by name, doc comments kept, streaming spelt inside the parentheses', async () => {
    const schema = await loadInterop();
    expect(schema.describe('grpc.testing.ReconnectService')).toBe(lines(
      'grpc.testing.ReconnectService is a service:',
      '// A service used to control reconnect server.',
      'service ReconnectService {',
      '  rpc Start ( .grpc.testing.ReconnectParams ) returns ( .grpc.testing.Empty );',
      '  rpc Stop ( .grpc.testing.Empty ) returns ( .grpc.testing.ReconnectInfo );',
      '}',
    ));
    const testService = schema.describe('grpc.testing.TestService') ?? '';
    expect(testService.split('\n').slice(0, 8)).toEqual([
      'grpc.testing.TestService is a service:',
      '// A simple service to test the various types of RPCs and experiment with',
      '// performance with various types of payload.',
      'service TestService {',
      '  // One request followed by one response. Response has cache control',
      '  // headers set such that a caching HTTP proxy (such as GFE) can',
      '  // satisfy subsequent requests.',
      '  rpc CacheableUnaryCall ( .grpc.testing.SimpleRequest ) returns ( .grpc.testing.SimpleResponse );',
    ]);
    expect(testService).toContain(lines(
      '  rpc FullDuplexCall ( stream .grpc.testing.StreamingOutputCallRequest ) returns ( stream .grpc.testing.StreamingOutputCallResponse );',
    ));
    expect(testService).toContain('  rpc StreamingInputCall ( stream .grpc.testing.StreamingInputCallRequest ) returns ( .grpc.testing.StreamingInputCallResponse );\n');
  });

  it('prints a method, with or without a leading dot', async () => {
    const schema = await loadInterop();
    const expected = lines(
      'grpc.testing.TestService.StreamingOutputCall is a method:',
      '// One request followed by a sequence of responses (streamed download).',
      '// The server returns the payload with client desired type and sizes.',
      'rpc StreamingOutputCall ( .grpc.testing.StreamingOutputCallRequest ) returns ( stream .grpc.testing.StreamingOutputCallResponse );',
    );
    expect(schema.describe('grpc.testing.TestService.StreamingOutputCall')).toBe(expected);
    expect(schema.describe('.grpc.testing.TestService.StreamingOutputCall')).toBe(expected);
  });

  it('prints a message with its fields in number order and fully-qualified types', async () => {
    const schema = await loadInterop();
    expect(schema.describe('grpc.testing.Payload')).toBe(lines(
      'grpc.testing.Payload is a message:',
      '// A block of data, to simply increase gRPC message size.',
      'message Payload {',
      '  // The type of data in body.',
      '  .grpc.testing.PayloadType type = 1;',
      '  // Primary contents of payload.',
      '  bytes body = 2;',
      '}',
    ));
    expect(schema.describe('grpc.testing.Empty')).toBe(lines(
      'grpc.testing.Empty is a message:',
      '// An empty message that you can re-use to avoid defining duplicated empty',
      '// messages in your project. A typical example is to use it as argument or the',
      '// return value of a service API. For instance:',
      '//',
      '//   service Foo {',
      '//     rpc Bar (grpc.testing.Empty) returns (grpc.testing.Empty) { };',
      '//   };',
      '//',
      'message Empty {',
      '}',
    ));
  });

  it('prints maps as map<K, V>, nested messages then enums sorted by name, and field options', async () => {
    const schema = await loadInterop();
    expect(schema.describe('grpc.testing.LoadBalancerAccumulatedStatsResponse')).toBe(lines(
      'grpc.testing.LoadBalancerAccumulatedStatsResponse is a message:',
      '// Accumulated stats for RPCs sent by a test client.',
      'message LoadBalancerAccumulatedStatsResponse {',
      '  // The total number of RPCs have ever issued for each type.',
      '  // Deprecated: use stats_per_method.rpcs_started instead.',
      '  map<string, int32> num_rpcs_started_by_method = 1 [deprecated = true];',
      '  // The total number of RPCs have ever completed successfully for each type.',
      '  // Deprecated: use stats_per_method.result instead.',
      '  map<string, int32> num_rpcs_succeeded_by_method = 2 [deprecated = true];',
      '  // The total number of RPCs have ever failed for each type.',
      '  // Deprecated: use stats_per_method.result instead.',
      '  map<string, int32> num_rpcs_failed_by_method = 3 [deprecated = true];',
      '  // Per-method RPC statistics.  The key is the RpcType in string form; e.g.',
      "  // 'EMPTY_CALL' or 'UNARY_CALL'",
      '  map<string, .grpc.testing.LoadBalancerAccumulatedStatsResponse.MethodStats> stats_per_method = 4;',
      '  message MethodStats {',
      '    // The number of RPCs that were started for this method.',
      '    int32 rpcs_started = 1;',
      '    // The number of RPCs that completed with each status for this method.  The',
      '    // key is the integral value of a google.rpc.Code; the value is the count.',
      '    map<int32, int32> result = 2;',
      '  }',
      '}',
    ));
    expect(schema.describe('grpc.testing.ClientConfigureRequest')).toContain(lines(
      '  repeated .grpc.testing.ClientConfigureRequest.RpcType types = 1;',
      '  // The collection of custom metadata to be attached to RPCs sent by the client.',
      '  repeated .grpc.testing.ClientConfigureRequest.Metadata metadata = 2;',
    ));
  });

  it('prints a map entry type as its map field, a field, an enum and an enum value', async () => {
    const schema = await loadInterop();
    expect(schema.describe('grpc.testing.LoadBalancerStatsResponse.RpcsByPeerEntry')).toBe(lines(
      'grpc.testing.LoadBalancerStatsResponse.RpcsByPeerEntry is the entry type for a map field:',
      '// The number of completed RPCs for each peer.',
      'map<string, int32> rpcs_by_peer = 1;',
    ));
    expect(schema.describe('grpc.testing.SimpleRequest.response_size')).toBe(lines(
      'grpc.testing.SimpleRequest.response_size is a field:',
      '// Desired payload size in the response from the server.',
      'int32 response_size = 2;',
    ));
    expect(schema.describe('grpc.testing.GrpclbRouteType')).toBe(lines(
      'grpc.testing.GrpclbRouteType is an enum:',
      '// The type of route that a client took to reach a server w.r.t. gRPCLB.',
      '// The server must fill in "fallback" if it detects that the RPC reached',
      '// the server via the "gRPCLB fallback" path, and "backend" if it detects',
      '// that the RPC reached the server via "gRPCLB backend" path (i.e. if it got',
      '// the address of this server from the gRPCLB server BalanceLoad RPC). Exactly',
      '// how this detection is done is context and server dependent.',
      'enum GrpclbRouteType {',
      "  // Server didn't detect the route that a client took to reach it.",
      '  GRPCLB_ROUTE_TYPE_UNKNOWN = 0;',
      '  // Indicates that a client reached a server via gRPCLB fallback.',
      '  GRPCLB_ROUTE_TYPE_FALLBACK = 1;',
      '  // Indicates that a client reached a server as a gRPCLB-given backend.',
      '  GRPCLB_ROUTE_TYPE_BACKEND = 2;',
      '}',
    ));
    expect(schema.describe('grpc.testing.PayloadType.COMPRESSABLE')).toBe(lines(
      'grpc.testing.PayloadType.COMPRESSABLE is an enum value:',
      '// Compressable text format.',
      'COMPRESSABLE = 0;',
    ));
    // protobuf scopes enum values beside their enum; grpcurl's name for them is inside it.
    expect(schema.describe('grpc.testing.COMPRESSABLE')).toBe(schema.describe('grpc.testing.PayloadType.COMPRESSABLE'));
  });

  it('knows the built-in google.rpc.Status, and nothing it does not have', async () => {
    const schema = await loadInterop();
    expect(schema.describe('google.rpc.Status')).toContain(lines(
      'message Status {',
      '  // The status code, which should be an enum value of',
      '  // [google.rpc.Code][google.rpc.Code].',
      '  int32 code = 1;',
    ));
    expect(schema.describe('google.rpc.Status')).toContain('  repeated .google.protobuf.Any details = 3;\n}\n');
    expect(schema.describe('grpc.testing.Nothing')).toBeUndefined();
    expect(schema.describe('')).toBeUndefined();
  });
});

describe('describe on the fixtures', () => {
  it('prints oneofs where their first field is, proto3 optional with its label, json_name, reserved ranges and names', async () => {
    const schema = await loadFixtures();
    const shapes = schema.describe('qurl.test.Shapes') ?? '';
    expect(shapes).toContain(lines(
      '  map<bool, .qurl.test.Shapes.Color> flags = 3;',
      '  // Exactly one of these.',
      '  oneof choice {',
      '    string text = 4;',
      '    .qurl.test.Shapes.Inner inner = 5;',
      '    .qurl.test.Shapes.Color color = 6;',
      '  }',
      '  optional int32 maybe = 7;',
      '  optional .qurl.test.Shapes.Inner maybe_inner = 8;',
      '  repeated sint64 big_numbers = 9;',
      '  bytes blob = 10;',
      '  uint64 id = 11 [json_name = "identifier"];',
    ));
    expect(shapes).toContain(lines(
      '  repeated .qurl.test.Shapes.Color colors = 19 [packed = false];',
      '  double ratio = 20;',
      '  .google.rpc.Status last_error = 21;',
      '  // A nested message.',
      '  message Inner {',
      '    string label = 1;',
      '    // Points back, so templates must stop.',
      '    .qurl.test.Shapes recursive = 2;',
      '  }',
      '  enum Color {',
      '    COLOR_UNSPECIFIED = 0;',
      '    RED = 1;',
      '    // Use RED.',
      '    CRIMSON = 2 [deprecated = true];',
      '  }',
      '  reserved 30 to 40, 50;',
      '  reserved "old_name";',
      '}',
    ));
    // A comment after code on its line is a trailing comment, which grpcurl does not print.
    expect(shapes).not.toContain('trailing');
  });

  it('prints a oneof alone without doc comments, as grpcurl does, and a method with options as a block', async () => {
    const schema = await loadFixtures();
    expect(schema.describe('qurl.test.Shapes.choice')).toBe(lines(
      'qurl.test.Shapes.choice is a one-of:',
      'oneof choice {',
      '  string text = 4;',
      '  .qurl.test.Shapes.Inner inner = 5;',
      '  .qurl.test.Shapes.Color color = 6;',
      '}',
    ));
    expect(schema.describe('qurl.test.ShapeService')).toBe(lines(
      'qurl.test.ShapeService is a service:',
      'service ShapeService {',
      '  // Sends one shape back.',
      '  rpc Echo ( .qurl.test.Shapes ) returns ( .qurl.test.Shapes ) {',
      '    option deprecated = true;',
      '  }',
      '  rpc Nothing ( .google.protobuf.Empty ) returns ( stream .google.protobuf.Empty ) {',
      '    option idempotency_level = NO_SIDE_EFFECTS;',
      '  }',
      '}',
    ));
  });

  it('prints proto2: labels, defaults, groups, extension ranges and extensions', async () => {
    const schema = await loadFixtures();
    expect(schema.describe('qurl.legacy.Legacy')).toBe(lines(
      'qurl.legacy.Legacy is a message:',
      'message Legacy {',
      '  required string name = 1;',
      '  optional int32 count = 2 [default = 7];',
      '  optional string greeting = 3 [default = "hi"];',
      '  repeated int32 numbers = 4 [packed = true];',
      '  // Grouped extras.',
      '  optional group Extras = 5 {',
      '    optional double weight = 1;',
      '  }',
      '  optional float ratio = 6 [default = 1.500000];',
      '  extensions 100 to 199;',
      '}',
    ));
    expect(schema.describe('qurl.legacy.nickname')).toBe(lines(
      'qurl.legacy.nickname is an extension:',
      'extend .qurl.legacy.Legacy {',
      '  // A nickname, from outside.',
      '  optional string nickname = 100;',
      '}',
    ));
    expect(schema.describe('qurl.legacy.Legacy.Extras')).toBe(lines(
      'qurl.legacy.Legacy.Extras is the type of a group field:',
      '// Grouped extras.',
      'optional group Extras = 5 {',
      '  optional double weight = 1;',
      '}',
    ));
    expect(schema.describe('qurl.legacy.Legacy.extras')?.split('\n')[0]).toBe('qurl.legacy.Legacy.extras is a group field:');
  });
});
