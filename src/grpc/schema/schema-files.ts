// Orders FileDescriptorProtos (converted .proto files, a protoset, a reflection answer) dependencies first and
// builds the FileRegistry, with the built-in google/protobuf and google/rpc files filling in what the set lacks;
// used by every loader here.
import { create, createFileRegistry, type FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { repairDescriptors } from './repair-descriptors.js';
import { qualifyTypeNames } from './qualify-type-names.js';
import { builtinRpcProtos } from './builtin-rpc-files.js';
import { WELL_KNOWN_FILES } from './builtin-wkt.js';
import { reasonOf, schemaError } from './schema-error.js';

export interface SchemaFiles {
  /** Every type: the set's own files, then the built-ins they do not replace. */
  readonly registry: FileRegistry;
  /** The set's own files and the built-ins they import, each after its dependencies. */
  readonly files: readonly FileDescriptorProto[];
}

/** Every built-in file, by import name. */
function builtinFiles(): Map<string, FileDescriptorProto> {
  return new Map<string, FileDescriptorProto>([
    ...[...WELL_KNOWN_FILES].map(([name, file]): [string, FileDescriptorProto] => [name, file.proto]),
    ...builtinRpcProtos(),
  ]);
}

/** The built-ins every registry gets, imported or not (an Any may hold them); descriptor.proto and kin only when imported. */
const isFallback = (name: string): boolean => !/^google\/protobuf\/(descriptor|compiler\/plugin|\w+_features)\.proto$/.test(name);

/** `origin` names the set in messages ("protoset a.protoset", "the server's descriptors"). Later duplicates of a name are dropped. */
export function buildSchemaFiles(own: readonly FileDescriptorProto[], origin: string): SchemaFiles {
  const ownByName = new Map<string, FileDescriptorProto>();
  for (const file of own) if (!ownByName.has(file.name)) ownByName.set(file.name, file);
  const builtins = builtinFiles();
  const lookup = (name: string): FileDescriptorProto | undefined => ownByName.get(name) ?? builtins.get(name);
  const files = sortDependenciesFirst([...ownByName.keys()], lookup, origin);
  // Built-ins first, so a type the set defines itself (in a file of another name) wins over the built-in copy.
  const everything = sortDependenciesFirst([...[...builtins.keys()].filter(isFallback), ...ownByName.keys()], lookup, origin);
  repairDescriptors([...ownByName.values()]);
  qualifyTypeNames([...ownByName.values()], everything);
  let registry: FileRegistry;
  try {
    registry = createFileRegistry(create(FileDescriptorSetSchema, { file: everything }));
  } catch (err) {
    throw schemaError(`${origin}: invalid descriptor: ${reasonOf(err)}`, err);
  }
  return { registry, files };
}

function sortDependenciesFirst(names: readonly string[], lookup: (name: string) => FileDescriptorProto | undefined, origin: string): FileDescriptorProto[] {
  const sorted: FileDescriptorProto[] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (name: string, importer: string | undefined): void => {
    if (done.has(name)) return;
    if (path.includes(name)) throw schemaError(`${origin}: import cycle: ${[...path.slice(path.indexOf(name)), name].join(' -> ')}`);
    const file = lookup(name);
    if (file === undefined) throw schemaError(`${origin}: ${importer ?? 'a file'} imports ${name}, which is not among the descriptors`);
    path.push(name);
    for (const dependency of file.dependency) visit(dependency, name);
    path.pop();
    done.add(name);
    sorted.push(file);
  };
  for (const name of names) visit(name, undefined);
  return sorted;
}
