// -proto-out-dir's .proto files: written out and read back they give the same descriptors (comments and all),
// and protoc compiles them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { toJson } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProtoFiles, loadProtosets, type GrpcSchema } from '../../../../src/grpc/schema/index.js';
import { needs } from '../../../helpers/needs.js';
import { loadFixtures, loadInterop } from './schema-fixtures.js';

const PYTHON = '/usr/bin/python3';
const hasProtoc = spawnSync(PYTHON, ['-m', 'grpc_tools.protoc', '--version'], { encoding: 'utf8' }).status === 0;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function writeOut(schema: GrpcSchema, symbols: readonly string[]): { dir: string; names: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'qurl-proto-out-'));
  dirs.push(dir);
  const sources = schema.protoSourcesFor(symbols);
  for (const { name, text } of sources) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, names: sources.map((s) => s.name) };
}

/** A file as JSON, for comparing: everything protoc records, comments included (their spans are the printer's). */
function comparable(file: FileDescriptorProto): unknown {
  const json = toJson(FileDescriptorProtoSchema, file) as { sourceCodeInfo?: { location?: { path?: number[]; leadingComments?: string }[] } };
  const comments = (json.sourceCodeInfo?.location ?? []).filter((l) => l.leadingComments).map((l) => [l.path?.join('.'), l.leadingComments]);
  delete json.sourceCodeInfo;
  return { ...json, comments: comments.sort() };
}

const cases = [
  ['the interop schema', loadInterop, ['grpc.testing.TestService', 'grpc.testing.ReconnectService', 'grpc.testing.UnimplementedService']],
  ['proto3 and proto2 shapes (maps, oneofs, optional, groups, defaults, extensions, reserved, options)', loadFixtures, ['qurl.test.ShapeService', 'qurl.legacy.Legacy', 'qurl.legacy.nickname']],
] as const;

describe('-proto-out-dir', () => {
  it.each(cases)('%s: read back, the files give the same descriptors', async (_name, load, symbols) => {
    const schema = await load();
    const { dir, names } = writeOut(schema, symbols);
    const reloaded = await loadProtoFiles(names.filter((n) => !n.startsWith('google/')), [dir]);
    const own = (s: GrpcSchema): Map<string, unknown> => new Map(s.files.filter((f) => !f.name.startsWith('google/')).map((f) => [f.name, comparable(f)]));
    expect(own(reloaded)).toEqual(own(schema));
  });

  it('writes the files the symbols need, dependencies included, and only those', async () => {
    const schema = await loadFixtures();
    expect(writeOut(schema, ['qurl.legacy.Legacy']).names).toEqual(['legacy.proto']);
    const names = writeOut(schema, ['qurl.test.Shapes']).names;
    expect(names.at(-1)).toBe('shapes.proto');
    expect(names).toEqual(expect.arrayContaining(['google/protobuf/any.proto', 'google/protobuf/timestamp.proto', 'google/rpc/status.proto']));
  });

  it('prints the file header: syntax, package, imports, then the elements', async () => {
    const schema = await loadFixtures();
    const shapes = schema.protoSourcesFor(['qurl.test.Shapes']).at(-1)!.text;
    expect(shapes.split('\n').slice(0, 6)).toEqual(['syntax = "proto3";', '', 'package qurl.test;', '', 'import "google/protobuf/any.proto";', 'import "google/protobuf/duration.proto";']);
    const legacy = schema.protoSourcesFor(['qurl.legacy.Legacy'])[0]!.text;
    expect(legacy).toMatch(/^syntax = "proto2";\n\npackage qurl\.legacy;\n\nmessage Legacy \{\n  required string name = 1;\n/);
    expect(legacy).toContain('\nextend .qurl.legacy.Legacy {\n  // A nickname, from outside.\n  optional string nickname = 100;\n}\n');
  });

  // Debian's grpc_tools bundles libprotoc 3.5.1, which predates proto3 `optional`: shapes.proto is left out here.
  needs(hasProtoc, 'python3 -m grpc_tools.protoc (apt-get install -y python3-grpc-tools)').it('protoc compiles them into the same schema', async () => {
    const compilable = [cases[0], [cases[1][0], loadFixtures, ['qurl.legacy.Legacy', 'qurl.legacy.nickname']]] as const;
    for (const [, load, symbols] of compilable) {
      const schema = await load();
      const { dir, names } = writeOut(schema, symbols);
      const out = join(dir, 'out.protoset');
      const run = spawnSync(PYTHON, ['-m', 'grpc_tools.protoc', `-I${dir}`, `--descriptor_set_out=${out}`, '--include_imports', '--include_source_info', ...names], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const compiled = loadProtosets([out]);
      for (const symbol of symbols) expect(compiled.describe(symbol)).toBe(schema.describe(symbol));
    }
  });
});
