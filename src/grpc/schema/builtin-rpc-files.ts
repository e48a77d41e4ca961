// The google/rpc status and error-detail files as descriptors, parsed once from the embedded texts the first
// time a schema needs them; used by schema-files.ts (every schema can decode google.rpc.Status details).
import { createFileRegistry } from '@bufbuild/protobuf';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { RPC_SOURCES } from './builtin-rpc-sources.js';
import { WELL_KNOWN_FILES } from './builtin-wkt.js';
import { convertProtoFiles } from './convert-files.js';
import { parseProtoTree } from './proto-tree.js';

let cached: readonly FileDescriptorProto[] | undefined;

/** google/rpc/{code,status,error_details}.proto, each after its imports (which are well-known types). */
export function builtinRpcFiles(): readonly FileDescriptorProto[] {
  if (cached !== undefined) return cached;
  const entries = [...RPC_SOURCES].map(([name, text]) => ({ name, displayPath: `${name} (built in)`, text }));
  const tree = parseProtoTree(entries, (name) => WELL_KNOWN_FILES.get(name), (name) => `built-in ${name} is missing`);
  const files = convertProtoFiles(tree.root, tree.files);
  // Validates them once; a failure here is a bug in qurl, not in the user's input.
  for (const file of files) createFileRegistry(file, (name) => WELL_KNOWN_FILES.get(name));
  cached = files;
  return files;
}
