// The google/rpc status, error-detail and code files, decoded from builtin-rpc-descriptors.ts the first time a
// schema needs them (no .proto parsing at run time); used by schema-files.ts (every schema can decode
// google.rpc.Status details) and load-proto-files.ts (a .proto file may import them).
import { create, createFileRegistry, fromBinary, type DescFile } from '@bufbuild/protobuf';
import { base64Decode } from '@bufbuild/protobuf/wire';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { GOOGLE_RPC_DESCRIPTORS } from './builtin-rpc-descriptors.js';
import { WELL_KNOWN_FILES } from './builtin-wkt.js';

let protos: ReadonlyMap<string, FileDescriptorProto> | undefined;
let descFiles: ReadonlyMap<string, DescFile> | undefined;

/** google/rpc/{status,error_details,code}.proto by import name; they import only well-known types. */
export function builtinRpcProtos(): ReadonlyMap<string, FileDescriptorProto> {
  protos ??= new Map(Object.entries(GOOGLE_RPC_DESCRIPTORS).map(([name, base64]) => [name, fromBinary(FileDescriptorProtoSchema, base64Decode(base64))]));
  return protos;
}

/** The same files resolved, for protobufjs to know their types (desc-to-protobufjs.ts). */
export function builtinRpcFiles(): ReadonlyMap<string, DescFile> {
  if (descFiles !== undefined) return descFiles;
  const rpc = [...builtinRpcProtos().values()];
  const wellKnown = [...new Set(rpc.flatMap((proto) => proto.dependency))].flatMap((name) => WELL_KNOWN_FILES.get(name)?.proto ?? []);
  const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: [...wellKnown, ...rpc] }));
  descFiles = new Map(rpc.flatMap((proto) => {
    const file = registry.getFile(proto.name);
    return file === undefined ? [] : [[proto.name, file] as const];
  }));
  return descFiles;
}
