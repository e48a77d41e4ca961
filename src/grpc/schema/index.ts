// The schema layer of `qurl grpc` (loaded lazily by the CLI): .proto files, protosets and reflection answers
// all become one GrpcSchema over a @bufbuild/protobuf FileRegistry.
import { createFileRegistry } from '@bufbuild/protobuf';
import { createGrpcSchema, type GrpcSchema } from './grpc-schema.js';
import { protosetFiles, reflectedFiles } from './load-descriptors.js';
import { buildSchemaFiles } from './schema-files.js';

export type { GrpcSchema } from './grpc-schema.js';

/**
 * --proto FILE with --import-path DIR (repeatable). A --proto path resolves against the import paths as protoc
 * does (absolute paths too); imports likewise; google/protobuf and google/rpc files are built in.
 */
export async function loadProtoFiles(protos: readonly string[], importPaths: readonly string[]): Promise<GrpcSchema> {
  // protobufjs (the .proto parser) loads only here: protoset and reflection calls never pay for it.
  const { loadProtoSources } = await import('./load-proto-files.js');
  const { files } = loadProtoSources(protos, importPaths);
  return createGrpcSchema(buildSchemaFiles(files, 'the .proto files'));
}

/** .proto texts held in memory (qurl serve's bundled schema), importing each other by `name` and the built-ins. */
export async function loadProtoTexts(sources: readonly { readonly name: string; readonly text: string }[]): Promise<GrpcSchema> {
  const { loadTextSources } = await import('./load-proto-files.js');
  const { files } = loadTextSources(sources);
  return createGrpcSchema(buildSchemaFiles(files, 'the .proto texts'));
}

/** --protoset FILE (a serialized FileDescriptorSet), repeatable. */
export function loadProtosets(files: readonly string[]): GrpcSchema {
  return createGrpcSchema(protosetFiles(files));
}

/** Serialized FileDescriptorProtos (server reflection's answer), dependencies included. */
export function schemaFromDescriptors(files: readonly Uint8Array[]): GrpcSchema {
  return createGrpcSchema(reflectedFiles(files));
}

/** Several schemas as one (--use-reflection with --proto): later ones fill in what earlier ones lack. */
export function mergeSchemas(...schemas: GrpcSchema[]): GrpcSchema {
  const byName = new Map<string, GrpcSchema['files'][number]>();
  for (const file of schemas.flatMap((schema) => schema.files)) if (!byName.has(file.name)) byName.set(file.name, file);
  const files = [...byName.values()];
  // Each schema's registry is whole on its own; merged last to first, an earlier schema's types win a clash.
  const registry = createFileRegistry(...[...schemas].reverse().map((schema) => schema.registry));
  return createGrpcSchema({ registry, files });
}
