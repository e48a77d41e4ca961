// Parses .proto files and everything they import into one protobufjs Root, dependencies first, then resolves
// every type reference; used by load-proto-files.ts (files on disk and texts in memory).
import protobuf from 'protobufjs';
import type { DescFile } from '@bufbuild/protobuf';
import { addDescFileToRoot } from './desc-to-protobufjs.js';
import { parseProtoText, type ProtoHeader, type ProtoSource } from './parse-proto-text.js';
import { reasonOf, schemaError } from './schema-error.js';

export interface ParsedProtoFile extends ProtoHeader {
  readonly name: string;
  readonly displayPath: string;
}

export interface ProtoTree {
  readonly root: protobuf.Root;
  /** The parsed files, each after the files it imports. */
  readonly files: readonly ParsedProtoFile[];
}

/** What an import name resolves to: a file to parse, a built-in descriptor, or undefined (an error naming `importer`). */
export type ImportResolver = (name: string, importer: ParsedProtoFile) => ProtoSource | DescFile | undefined;

export function parseProtoTree(entries: readonly ProtoSource[], resolveImport: ImportResolver, missing: (name: string, importer: ParsedProtoFile) => string): ProtoTree {
  const root = new protobuf.Root();
  const files: ParsedProtoFile[] = [];
  const done = new Set<string>();
  const inProgress: string[] = [];

  const addBuiltin = (file: DescFile): void => {
    if (done.has(file.proto.name)) return;
    done.add(file.proto.name);
    for (const dependency of file.dependencies) addBuiltin(dependency);
    addDescFileToRoot(root, file);
  };
  const visit = (source: ProtoSource): void => {
    if (done.has(source.name)) return;
    if (inProgress.includes(source.name)) {
      throw schemaError(`import cycle: ${[...inProgress.slice(inProgress.indexOf(source.name)), source.name].join(' -> ')}`);
    }
    inProgress.push(source.name);
    const file: ParsedProtoFile = { name: source.name, displayPath: source.displayPath, ...parseProtoText(root, source) };
    for (const name of file.imports) {
      if (done.has(name)) continue;
      const resolved = resolveImport(name, file);
      if (resolved === undefined) throw schemaError(missing(name, file));
      if ('kind' in resolved) addBuiltin(resolved);
      else visit(resolved);
    }
    inProgress.pop();
    done.add(source.name);
    files.push(file);
  };
  for (const entry of entries) visit(entry);
  resolveReferences(root, files);
  return { root, files };
}

function resolveReferences(root: protobuf.Root, files: readonly ParsedProtoFile[]): void {
  try {
    root.resolveAll();
  } catch (err) {
    throw unresolvedReference(root, files) ?? schemaError(`could not resolve the .proto files: ${reasonOf(err)}`, err);
  }
}

/** protobufjs stops at the first unknown type without saying where it is used: find it ourselves. */
function unresolvedReference(namespace: protobuf.NamespaceBase, files: readonly ParsedProtoFile[]): Error | undefined {
  const pathOf = (object: protobuf.ReflectionObject): string =>
    files.find((file) => file.name === object.filename)?.displayPath ?? object.filename ?? 'a .proto file';
  for (const object of namespace.nestedArray) {
    const users: [protobuf.ReflectionObject, string, string][] = [];
    if (object instanceof protobuf.Type) {
      for (const field of object.fieldsArray) users.push([field, field.type, `field ${field.fullName.slice(1)}`]);
    } else if (object instanceof protobuf.Service) {
      for (const method of object.methodsArray) {
        users.push([method, method.requestType, `input of ${method.fullName.slice(1)}`]);
        users.push([method, method.responseType, `output of ${method.fullName.slice(1)}`]);
      }
    } else if (object instanceof protobuf.Field && object.extend !== undefined) {
      users.push([object, object.extend, `extension ${object.fullName.slice(1)}`]);
    }
    for (const [user, typeName, role] of users) {
      if (isResolvable(user, typeName)) continue;
      return schemaError(`${pathOf(user)}: "${typeName}" is not defined (${role})`);
    }
    if (object instanceof protobuf.Namespace) {
      const nested = unresolvedReference(object, files);
      if (nested) return nested;
    }
  }
  return undefined;
}

const SCALARS = new Set(['double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes']);

function isResolvable(user: protobuf.ReflectionObject, typeName: string): boolean {
  if (SCALARS.has(typeName)) return true;
  const scope = user.parent;
  if (scope === null) return false;
  try {
    return scope.lookup(typeName, [protobuf.Type, protobuf.Enum]) !== null;
  } catch {
    return false;
  }
}
