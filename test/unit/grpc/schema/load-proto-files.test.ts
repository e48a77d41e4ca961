// loadProtoFiles on the gRPC interop schema: services, methods, kinds, file names and import resolution as protoc does it.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { isQurlError } from '../../../../src/errors/index.js';
import { loadProtoFiles, loadProtoTexts } from '../../../../src/grpc/schema/index.js';
import { GRPC_TESTING, TEST_PROTO, loadFixtures, loadInterop } from './schema-fixtures.js';

describe('loadProtoFiles on the interop schema', () => {
  it('lists the services and their methods sorted, as grpcurl list does', async () => {
    const schema = await loadInterop();
    expect(schema.services()).toEqual(['grpc.testing.ReconnectService', 'grpc.testing.TestService', 'grpc.testing.UnimplementedService']);
    expect(schema.methods('grpc.testing.TestService')).toEqual([
      'grpc.testing.TestService.CacheableUnaryCall',
      'grpc.testing.TestService.EmptyCall',
      'grpc.testing.TestService.FullDuplexCall',
      'grpc.testing.TestService.HalfDuplexCall',
      'grpc.testing.TestService.StreamingInputCall',
      'grpc.testing.TestService.StreamingOutputCall',
      'grpc.testing.TestService.UnaryCall',
      'grpc.testing.TestService.UnimplementedCall',
    ]);
    expect(schema.methods('.grpc.testing.ReconnectService')).toEqual(['grpc.testing.ReconnectService.Start', 'grpc.testing.ReconnectService.Stop']);
    expect(schema.methods('grpc.testing.NoSuchService')).toBeUndefined();
    expect(schema.methods('grpc.testing.SimpleRequest')).toBeUndefined();
  });

  it('knows each method kind and its message types', async () => {
    const schema = await loadInterop();
    const kinds = Object.fromEntries(
      (schema.registry.getService('grpc.testing.TestService')?.methods ?? []).map((m) => [m.name, [m.methodKind, m.input.typeName, m.output.typeName]]),
    );
    expect(kinds).toEqual({
      EmptyCall: ['unary', 'grpc.testing.Empty', 'grpc.testing.Empty'],
      UnaryCall: ['unary', 'grpc.testing.SimpleRequest', 'grpc.testing.SimpleResponse'],
      CacheableUnaryCall: ['unary', 'grpc.testing.SimpleRequest', 'grpc.testing.SimpleResponse'],
      StreamingOutputCall: ['server_streaming', 'grpc.testing.StreamingOutputCallRequest', 'grpc.testing.StreamingOutputCallResponse'],
      StreamingInputCall: ['client_streaming', 'grpc.testing.StreamingInputCallRequest', 'grpc.testing.StreamingInputCallResponse'],
      FullDuplexCall: ['bidi_streaming', 'grpc.testing.StreamingOutputCallRequest', 'grpc.testing.StreamingOutputCallResponse'],
      HalfDuplexCall: ['bidi_streaming', 'grpc.testing.StreamingOutputCallRequest', 'grpc.testing.StreamingOutputCallResponse'],
      UnimplementedCall: ['unary', 'grpc.testing.Empty', 'grpc.testing.Empty'],
    });
  });

  it('finds a method by grpcurl symbol, with a slash or a dot, with or without a leading dot', async () => {
    const schema = await loadInterop();
    for (const symbol of ['grpc.testing.TestService/UnaryCall', 'grpc.testing.TestService.UnaryCall', '.grpc.testing.TestService/UnaryCall']) {
      expect(schema.findMethod(symbol)?.name).toBe('UnaryCall');
    }
    expect(schema.findMethod('grpc.testing.TestService/NoSuchCall')).toBeUndefined();
    expect(schema.findMethod('grpc.testing.Nope/UnaryCall')).toBeUndefined();
    expect(schema.findMethod('UnaryCall')).toBeUndefined();
  });

  it('names each file by its import path and sends them dependencies first, as a reflection server would', async () => {
    const schema = await loadInterop();
    const files = schema.fileDescriptors().map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes));
    expect(files.map((f) => [f.name, f.package, f.syntax, f.dependency])).toEqual([
      ['src/proto/grpc/testing/empty.proto', 'grpc.testing', 'proto3', []],
      ['src/proto/grpc/testing/messages.proto', 'grpc.testing', 'proto3', []],
      ['src/proto/grpc/testing/test.proto', 'grpc.testing', 'proto3', ['src/proto/grpc/testing/empty.proto', 'src/proto/grpc/testing/messages.proto']],
    ]);
    // Doc comments converted from .proto text have no real positions, so they stay out of what reflection sends.
    expect(files.every((f) => f.sourceCodeInfo === undefined)).toBe(true);
  });

  it('resolves a --proto given as a disk path inside an import path, or as an absolute path, to the same name', async () => {
    const byDiskPath = await loadProtoFiles([relative(process.cwd(), `${GRPC_TESTING}/${TEST_PROTO}`)], [relative(process.cwd(), GRPC_TESTING)]);
    const byAbsolutePath = await loadProtoFiles([`${GRPC_TESTING}/${TEST_PROTO}`], [GRPC_TESTING]);
    // Without --import-path, a file outside the current directory brings its own directory.
    const outside = join(mkdtempSync(join(tmpdir(), 'qurl-proto-')), 'empty.proto');
    copyFileSync(`${GRPC_TESTING}/src/proto/grpc/testing/empty.proto`, outside);
    const inferred = await loadProtoFiles([outside], []);
    expect(inferred.files.map((f) => f.name)).toEqual(['empty.proto']);
    for (const schema of [byDiskPath, byAbsolutePath]) {
      expect(schema.files.map((f) => f.name)).toContain('src/proto/grpc/testing/test.proto');
      expect(schema.services()).toHaveLength(3);
    }
  });

  it('builds in google/protobuf and google/rpc: imports resolve without an import path for them, and come along as dependencies', async () => {
    const schema = await loadFixtures();
    const names = schema.files.map((f) => f.name);
    expect(names.slice(-2)).toEqual(['shapes.proto', 'legacy.proto']);
    expect(names).toEqual(expect.arrayContaining(['google/protobuf/any.proto', 'google/protobuf/timestamp.proto', 'google/rpc/status.proto']));
    expect(names.indexOf('google/protobuf/any.proto')).toBeLessThan(names.indexOf('google/rpc/status.proto'));
    expect(schema.registry.getMessage('qurl.test.Shapes')?.field.lastError?.message?.typeName).toBe('google.rpc.Status');
    expect(schema.services()).toEqual(['qurl.test.ShapeService']);
  });

  it('knows the google/rpc details in every schema, imported or not', async () => {
    const schema = await loadInterop();
    for (const name of ['google.rpc.Status', 'google.rpc.ErrorInfo', 'google.rpc.RetryInfo', 'google.rpc.DebugInfo', 'google.rpc.QuotaFailure.Violation',
      'google.rpc.PreconditionFailure.Violation', 'google.rpc.BadRequest.FieldViolation', 'google.rpc.RequestInfo', 'google.rpc.ResourceInfo',
      'google.rpc.Help.Link', 'google.rpc.LocalizedMessage']) {
      expect(schema.registry.getMessage(name), name).toBeDefined();
    }
    expect(schema.registry.getEnum('google.rpc.Code')?.values.map((v) => `${v.name}=${v.number}`)).toEqual([
      'OK=0', 'CANCELLED=1', 'UNKNOWN=2', 'INVALID_ARGUMENT=3', 'DEADLINE_EXCEEDED=4', 'NOT_FOUND=5', 'ALREADY_EXISTS=6', 'PERMISSION_DENIED=7',
      'UNAUTHENTICATED=16', 'RESOURCE_EXHAUSTED=8', 'FAILED_PRECONDITION=9', 'ABORTED=10', 'OUT_OF_RANGE=11', 'UNIMPLEMENTED=12', 'INTERNAL=13',
      'UNAVAILABLE=14', 'DATA_LOSS=15',
    ]);
    // Only what the interop files import travels with them.
    expect(schema.files.map((f) => f.name).some((name) => name.startsWith('google/'))).toBe(false);
  });
});

describe('loadProtoTexts', () => {
  const common = { name: 'demo/common.proto', text: 'syntax = "proto3";\npackage demo;\nmessage Note { string text = 1; }\n' };
  const service = {
    name: 'demo/service.proto',
    text: 'syntax = "proto3";\npackage demo;\nimport "demo/common.proto";\nimport "google/rpc/status.proto";\n'
      + '// Says things.\nservice Echo { rpc Say(Note) returns (google.rpc.Status); }\n',
  };

  it('loads texts held in memory that import each other and the built-ins', async () => {
    const schema = await loadProtoTexts([service, common]);
    expect(schema.services()).toEqual(['demo.Echo']);
    expect(schema.findMethod('demo.Echo/Say')?.output.typeName).toBe('google.rpc.Status');
    expect(schema.files.map((f) => f.name)).toEqual(['demo/common.proto', 'google/protobuf/any.proto', 'google/rpc/status.proto', 'demo/service.proto']);
    expect(schema.fileDescriptors()).toHaveLength(schema.files.length);
    expect(schema.describe('demo.Echo')).toBe('demo.Echo is a service:\n// Says things.\nservice Echo {\n  rpc Say ( .demo.Note ) returns ( .google.rpc.Status );\n}\n');
  });

  it('names an import none of the texts has', async () => {
    let message = '';
    try {
      await loadProtoTexts([service]);
    } catch (err) {
      message = isQurlError(err) && err.kind === 'grpc-schema' ? err.message : String(err);
    }
    expect(message).toBe('could not find demo/common.proto (imported by demo/service.proto) in the given .proto texts');
  });
});
