// Protosets (protoc --descriptor_set_out) and reflection answers give the same schema as the .proto files;
// protoc here is Debian's python3-grpc-tools, so this needs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromJson, toBinary, toJson } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProtosets, mergeSchemas, schemaFromDescriptors, type GrpcSchema } from '../../../../src/grpc/schema/index.js';
import { needs } from '../../../helpers/needs.js';
import { GRPC_TESTING, TEST_PROTO, loadFixtures, loadInterop } from './schema-fixtures.js';

const PYTHON = '/usr/bin/python3';
const hasProtoc = spawnSync(PYTHON, ['-m', 'grpc_tools.protoc', '--version'], { encoding: 'utf8' }).status === 0;

function protoc(args: readonly string[]): void {
  const run = spawnSync(PYTHON, ['-m', 'grpc_tools.protoc', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`protoc ${args.join(' ')}: ${run.stderr}`);
}

/** Every name describe knows in the grpc.testing package: types, fields, nested types, enum values, methods. */
function interopSymbols(schema: GrpcSchema): string[] {
  const names: string[] = [];
  for (const type of schema.registry) {
    if (!type.typeName.startsWith('grpc.testing.')) continue;
    names.push(type.typeName);
    if (type.kind === 'message') names.push(...type.proto.field.map((f) => `${type.typeName}.${f.name}`), ...type.proto.nestedType.map((n) => `${type.typeName}.${n.name}`));
    if (type.kind === 'enum') names.push(...type.values.map((v) => `${type.typeName}.${v.name}`));
    if (type.kind === 'service') names.push(...type.methods.map((m) => `${type.typeName}.${m.name}`));
  }
  return names.sort();
}

const withProtoc = needs(hasProtoc, 'python3 -m grpc_tools.protoc (apt-get install -y python3-grpc-tools)');

withProtoc.describe('protosets from protoc', () => {
  let dir = '';
  let plain = '';
  let withComments = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qurl-protoset-'));
    plain = join(dir, 'test.protoset');
    withComments = join(dir, 'test-source-info.protoset');
    protoc([`-I${GRPC_TESTING}`, `--descriptor_set_out=${plain}`, '--include_imports', TEST_PROTO]);
    protoc([`-I${GRPC_TESTING}`, `--descriptor_set_out=${withComments}`, '--include_imports', '--include_source_info', TEST_PROTO]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the same services and methods as the .proto files', async () => {
    const fromProto = await loadInterop();
    const fromProtoset = loadProtosets([plain]);
    expect(fromProtoset.services()).toEqual(fromProto.services());
    for (const service of fromProto.services()) expect(fromProtoset.methods(service)).toEqual(fromProto.methods(service));
    expect(fromProtoset.findMethod('grpc.testing.TestService/FullDuplexCall')?.methodKind).toBe('bidi_streaming');
  });

  it('encodes and prints JSON exactly as the .proto-loaded schema does', async () => {
    const fromProto = await loadInterop();
    const fromProtoset = loadProtosets([plain]);
    const json = { responseSize: 3, payload: { body: 'AQID' }, orcaPerQueryReport: { requestCost: { a: 1.5 } }, responseStatus: { code: 5 } };
    const bytes = [fromProto, fromProtoset].map((schema) => {
      const SimpleRequest = schema.registry.getMessage('grpc.testing.SimpleRequest');
      if (SimpleRequest === undefined) throw new Error('no SimpleRequest');
      const encoded = toBinary(SimpleRequest, fromJson(SimpleRequest, json));
      expect(toJson(SimpleRequest, fromJson(SimpleRequest, json))).toEqual(json);
      return Buffer.from(encoded).toString('hex');
    });
    expect(bytes[1]).toBe(bytes[0]);
  });

  it('describes every interop symbol identically to the .proto files when protoc kept the source info', async () => {
    const fromProto = await loadInterop();
    const fromProtoset = loadProtosets([withComments]);
    const symbols = interopSymbols(fromProto);
    expect(symbols.length).toBeGreaterThan(140);
    for (const symbol of symbols) expect(fromProtoset.describe(symbol), symbol).toBe(fromProto.describe(symbol));
    expect(interopSymbols(fromProtoset)).toEqual(symbols);
  });

  it('describes without doc comments when the protoset has no source info, as grpcurl does', () => {
    expect(loadProtosets([plain]).describe('grpc.testing.ReconnectService')).toBe([
      'grpc.testing.ReconnectService is a service:',
      'service ReconnectService {',
      '  rpc Start ( .grpc.testing.ReconnectParams ) returns ( .grpc.testing.Empty );',
      '  rpc Stop ( .grpc.testing.Empty ) returns ( .grpc.testing.ReconnectInfo );',
      '}',
      '',
    ].join('\n'));
  });

  it('builds the same schema from the protoset\'s files sent as a reflection answer', () => {
    const fromProtoset = loadProtosets([withComments]);
    const reflected = schemaFromDescriptors(fromProtoset.fileDescriptors());
    expect(reflected.services()).toEqual(fromProtoset.services());
    for (const symbol of interopSymbols(fromProtoset)) expect(reflected.describe(symbol), symbol).toBe(fromProtoset.describe(symbol));
    expect(reflected.template('grpc.testing.StreamingOutputCallRequest')).toEqual(fromProtoset.template('grpc.testing.StreamingOutputCallRequest'));
  });

  it('fills well-known imports a protoset left out, and names a missing file of the user\'s', () => {
    const proto = join(dir, 'stamped.proto');
    writeFileSync(proto, 'syntax = "proto3";\npackage qurl.stamped;\nimport "google/protobuf/timestamp.proto";\nmessage Stamped { google.protobuf.Timestamp at = 1; }\n');
    const stamped = join(dir, 'stamped.protoset');
    protoc([`-I${dir}`, `--descriptor_set_out=${stamped}`, 'stamped.proto']);
    const schema = loadProtosets([stamped]);
    expect(schema.template('qurl.stamped.Stamped')).toEqual({ at: '1970-01-01T00:00:00Z' });

    const alone = join(dir, 'alone.protoset');
    protoc([`-I${GRPC_TESTING}`, `--descriptor_set_out=${alone}`, TEST_PROTO]);
    expect(() => loadProtosets([alone])).toThrow(
      `protoset ${alone}: src/proto/grpc/testing/test.proto imports src/proto/grpc/testing/empty.proto, which is not among the descriptors`,
    );
    // A second protoset supplies what the first lacks.
    expect(loadProtosets([alone, plain]).services()).toHaveLength(3);
  });
});

describe('reflection answers and merged schemas', () => {
  it('rebuilds a .proto-loaded schema from what a reflection server would send', async () => {
    const fromProto = await loadInterop();
    const reflected = schemaFromDescriptors(fromProto.fileDescriptors());
    expect(reflected.services()).toEqual(fromProto.services());
    expect(reflected.template('grpc.testing.SimpleRequest')).toEqual(fromProto.template('grpc.testing.SimpleRequest'));
    expect(reflected.describe('grpc.testing.ReconnectService')).not.toContain('//');
  });

  it('merges schemas, the earlier one winning a name both define', async () => {
    const fromProto = await loadInterop();
    const reflected = schemaFromDescriptors(fromProto.fileDescriptors());
    const fixtures = await loadFixtures();
    const merged = mergeSchemas(reflected, fromProto, fixtures);
    expect(merged.services()).toEqual([...fromProto.services(), ...fixtures.services()].sort());
    expect(merged.describe('grpc.testing.ReconnectService')).toBe(reflected.describe('grpc.testing.ReconnectService'));
    expect(mergeSchemas(fromProto, reflected).describe('grpc.testing.ReconnectService')).toBe(fromProto.describe('grpc.testing.ReconnectService'));
    expect(merged.findMethod('qurl.test.ShapeService/Echo')?.input.typeName).toBe('qurl.test.Shapes');
    const names = merged.fileDescriptors().length;
    expect(names).toBe(new Set([...reflected.files, ...fixtures.files].map((f) => f.name)).size);
  });
});
