// Bad schema input is a QurlError of kind 'grpc-schema' (exit 1, as grpcurl) with one line a user can act on —
// never a stack trace or a foreign error, even for mangled protoset bytes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { afterAll, describe, expect, it } from 'vitest';
import { isQurlError } from '../../../../src/errors/index.js';
import { loadProtoFiles, loadProtoTexts, loadProtosets, schemaFromDescriptors } from '../../../../src/grpc/schema/index.js';
import { FIXTURES, GRPC_TESTING, loadInterop } from './schema-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'qurl-schema-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failureOf(load: () => unknown): Promise<{ kind: string; exitCode: number; message: string }> {
  try {
    await load();
  } catch (err) {
    if (!isQurlError(err)) throw err;
    return { kind: err.kind, exitCode: err.exitCode, message: err.message };
  }
  throw new Error('expected a failure');
}

const schemaFailure = (message: string) => ({ kind: 'grpc-schema', exitCode: 1, message });

describe('schema errors', () => {
  it('a --proto that is nowhere says where it looked', async () => {
    expect(await failureOf(() => loadProtoFiles(['qux.proto'], [FIXTURES, dir]))).toEqual(
      schemaFailure(`could not find qux.proto in the import paths: ${FIXTURES}, ${dir}`),
    );
    expect(await failureOf(() => loadProtoFiles(['qux.proto'], []))).toEqual(schemaFailure('could not find qux.proto in the import paths: .'));
    expect(await failureOf(() => loadProtoFiles([`${FIXTURES}/shapes.proto`], [dir]))).toEqual(
      schemaFailure(`${FIXTURES}/shapes.proto is not inside the import paths: ${dir}; add its directory with --import-path`),
    );
  });

  it('a syntax error gives file:line:column and protobufjs\'s reason', async () => {
    expect(await failureOf(() => loadProtoFiles(['errors/broken.proto'], [FIXTURES]))).toEqual(
      schemaFailure(`${FIXTURES}/errors/broken.proto:7:9: illegal name '='`),
    );
    writeFileSync(join(dir, 'unterminated.proto'), 'syntax = "proto3";\nmessage M {\n  string s = 1 [default = "x];\n}\n');
    expect(await failureOf(() => loadProtoFiles(['unterminated.proto'], [dir]))).toEqual(
      schemaFailure(`${dir}/unterminated.proto:3:27: illegal string`),
    );
  });

  it('a file that ends too early says where it ends', async () => {
    const truncated = (text: string): Promise<unknown> => failureOf(() => loadProtoTexts([{ name: 'cut.proto', text }]));
    expect(await truncated('syntax = "proto3";\nmessage M {\n  string')).toEqual(schemaFailure('cut.proto:3:9: unexpected end of file'));
    expect(await truncated('syntax = "proto3";\nmessage M {\n  map<string')).toEqual(schemaFailure('cut.proto:3:13: unexpected end of file'));
  });

  it('an import that is nowhere names the importing file and the import paths', async () => {
    expect(await failureOf(() => loadProtoFiles(['errors/missing-import.proto'], [FIXTURES]))).toEqual(
      schemaFailure(`could not find qux.proto (imported by ${FIXTURES}/errors/missing-import.proto) in the import paths: ${FIXTURES}`),
    );
  });

  it('an unknown type names the type and where it is used', async () => {
    expect(await failureOf(() => loadProtoFiles(['errors/unknown-type.proto'], [FIXTURES]))).toEqual(
      schemaFailure(`${FIXTURES}/errors/unknown-type.proto: "Nowhere" is not defined (field qurl.errors.UsesUnknown.where)`),
    );
    writeFileSync(join(dir, 'bad-rpc.proto'), 'syntax = "proto3";\npackage p;\nmessage In {}\nservice S { rpc Call(In) returns (Out); }\n');
    expect(await failureOf(() => loadProtoFiles(['bad-rpc.proto'], [dir]))).toEqual(
      schemaFailure(`${dir}/bad-rpc.proto: "Out" is not defined (output of p.S.Call)`),
    );
  });

  it('an import cycle and an editions file are refused by name', async () => {
    expect(await failureOf(() => loadProtoFiles(['cycle-a.proto'], [`${FIXTURES}/errors`]))).toEqual(
      schemaFailure('import cycle: cycle-a.proto -> cycle-b.proto -> cycle-a.proto'),
    );
    writeFileSync(join(dir, 'editions.proto'), 'edition = "2023";\nmessage M {}\n');
    expect(await failureOf(() => loadProtoFiles(['editions.proto'], [dir]))).toEqual(
      schemaFailure(`${dir}/editions.proto: editions are not supported in .proto files yet (edition "2023"); use a protoset`),
    );
  });

  it('a protoset that cannot be read or does not parse says so', async () => {
    expect(await failureOf(() => loadProtosets([join(dir, 'nope.protoset')]))).toEqual(
      schemaFailure(`could not read protoset ${dir}/nope.protoset: ENOENT: no such file or directory, open '${dir}/nope.protoset'`),
    );
    const schema = await loadInterop();
    const bytes = toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: [...schema.files] }));
    const truncated = join(dir, 'truncated.protoset');
    writeFileSync(truncated, bytes.subarray(0, 1000));
    expect(await failureOf(() => loadProtosets([truncated]))).toEqual(schemaFailure(`protoset ${truncated} is not a FileDescriptorSet: premature EOF`));
    expect(await failureOf(() => schemaFromDescriptors([schema.fileDescriptors()[0]?.subarray(0, 20) ?? new Uint8Array()]))).toEqual(
      schemaFailure('file descriptor #1 from the server does not parse: premature EOF'),
    );
  });

  it('mangled protoset bytes give a schema that works or a grpc-schema error, nothing else', async () => {
    const schema = await loadInterop();
    const bytes = toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: [...schema.files] }));
    const mangled = join(dir, 'mangled.protoset');
    let seed = 20240601;
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * below);
    };
    const outcomes = { loaded: 0, refused: 0 };
    for (let round = 0; round < 150; round++) {
      const copy = Uint8Array.from(bytes);
      for (let flips = 1 + random(4); flips > 0; flips--) copy[random(copy.length)] = random(256);
      writeFileSync(mangled, round % 2 === 0 ? copy.subarray(0, random(copy.length)) : copy);
      try {
        const loaded = loadProtosets([mangled]);
        for (const type of loaded.registry) {
          loaded.describe(type.typeName);
          if (type.kind === 'message') loaded.template(type.typeName);
        }
        outcomes.loaded++;
      } catch (err) {
        expect(isQurlError(err) && err.kind === 'grpc-schema', String(err)).toBe(true);
        outcomes.refused++;
      }
    }
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it('mangled .proto text gives a schema that works or a grpc-schema error, nothing else', async () => {
    const original = readFileSync(join(GRPC_TESTING, 'src/proto/grpc/testing/messages.proto'), 'utf8');
    const pieces = ['{', '}', ';', '=', '"', '/', '*', '\n', 'message', 'optional', 'map<', '>', '[', '(', '-1', '99999999999', 'max', 'oneof', 'group', 'extend', '.'];
    let seed = 31337;
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * below);
    };
    for (let round = 0; round < 150; round++) {
      let text = original;
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const at = random(text.length);
        const choice = random(3);
        if (choice === 0) text = text.slice(0, at) + (pieces[random(pieces.length)] ?? '') + text.slice(at);
        else if (choice === 1) text = text.slice(0, at) + text.slice(at + 1 + random(20));
        else text = text.slice(0, at);
      }
      try {
        const schema = await loadProtoTexts([{ name: 'mangled.proto', text }]);
        for (const type of schema.registry) schema.describe(type.typeName);
      } catch (err) {
        expect(isQurlError(err) && err.kind === 'grpc-schema' && !err.message.includes('\n'), String(err)).toBe(true);
      }
    }
  });
});
