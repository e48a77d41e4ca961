// Schemas from serialized descriptors: `--protoset FILE` (a FileDescriptorSet, repeatable) and server
// reflection's FileDescriptorProtos. Bytes that do not parse are a 'grpc-schema' error, never a crash. Used by index.ts.
import { readFileSync } from 'node:fs';
import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { reasonOf, schemaError } from './schema-error.js';
import { buildSchemaFiles, type SchemaFiles } from './schema-files.js';

export function protosetFiles(paths: readonly string[]): SchemaFiles {
  const files: FileDescriptorProto[] = [];
  for (const path of paths) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw schemaError(`could not read protoset ${path}: ${reasonOf(err)}`, err);
    }
    try {
      files.push(...fromBinary(FileDescriptorSetSchema, bytes).file);
    } catch (err) {
      throw schemaError(`protoset ${path} is not a FileDescriptorSet: ${reasonOf(err)}`, err);
    }
  }
  return buildSchemaFiles(files, paths.length === 1 ? `protoset ${paths[0] ?? ''}` : `protosets ${paths.join(', ')}`);
}

export function reflectedFiles(serialized: readonly Uint8Array[]): SchemaFiles {
  const files = serialized.map((bytes, i) => {
    try {
      return fromBinary(FileDescriptorProtoSchema, bytes);
    } catch (err) {
      throw schemaError(`file descriptor #${i + 1} from the server does not parse: ${reasonOf(err)}`, err);
    }
  });
  return buildSchemaFiles(files, "the server's descriptors");
}
