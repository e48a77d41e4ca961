// `--proto FILE` with `--import-path DIR`: finds each file as protoc does (by its name under an import path, or by
// its disk path when that lies inside one), reads what it imports and converts it; also .proto texts held in
// memory. Used by index.ts.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import type { DescFile } from '@bufbuild/protobuf';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { toQurlError } from '../../errors/index.js';
import { builtinRpcFiles } from './builtin-rpc-files.js';
import { WELL_KNOWN_FILES } from './builtin-wkt.js';
import { convertProtoFiles } from './convert-files.js';
import type { ProtoSource } from './parse-proto-text.js';
import { parseProtoTree } from './proto-tree.js';
import { reasonOf, schemaError } from './schema-error.js';

export interface LoadedProtoFiles {
  readonly files: readonly FileDescriptorProto[];
}

export function loadProtoSources(protos: readonly string[], importPaths: readonly string[]): LoadedProtoFiles {
  const searchPaths = importPaths.length > 0 ? [...importPaths] : inferredImportPaths(protos);
  const where = `the import paths: ${searchPaths.join(', ')}`;
  const entries = protos.map((proto) => {
    const found = locateEntry(proto, searchPaths);
    if (found !== undefined) return found;
    if (isFile(proto)) throw schemaError(`${proto} is not inside ${where}; add its directory with --import-path`);
    throw schemaError(`could not find ${proto} in ${where}`);
  });
  return convertSources(entries, (name) => locateImport(name, searchPaths), where);
}

/** Without --import-path, protoc looks in the current directory; files outside it bring their own directory. */
function inferredImportPaths(protos: readonly string[]): string[] {
  const paths = ['.'];
  for (const proto of protos) {
    const inside = relative(resolve('.'), resolve(proto));
    if ((inside.startsWith('..') || isAbsolute(inside)) && !paths.includes(dirname(proto))) paths.push(dirname(proto));
  }
  return paths;
}

/** .proto texts held in memory (qurl serve's bundled ones), importing each other and the built-ins by name. */
export function loadTextSources(sources: readonly { readonly name: string; readonly text: string }[]): LoadedProtoFiles {
  const byName = new Map(sources.map((source) => [source.name, { name: source.name, displayPath: source.name, text: source.text }]));
  return convertSources([...byName.values()], (name) => byName.get(name), 'the given .proto texts');
}

/** Parses `entries` and their imports (the user's own first, then the built-ins) and converts the user's files. */
function convertSources(entries: readonly ProtoSource[], findOwn: (name: string) => ProtoSource | undefined, where: string): LoadedProtoFiles {
  const resolveImport = (name: string): ProtoSource | DescFile | undefined => findOwn(name) ?? WELL_KNOWN_FILES.get(name) ?? builtinRpcFiles().get(name);
  const tree = parseProtoTree(entries, resolveImport, (name, importer) => `could not find ${name} (imported by ${importer.displayPath}) in ${where}`);
  try {
    return { files: convertProtoFiles(tree.root, tree.files) };
  } catch (err) {
    throw toQurlError(err, 'grpc-schema', `could not convert ${tree.files.map((f) => f.displayPath).join(', ')}: ${reasonOf(err)}`);
  }
}

/** protoc's rule: a name relative to an import path, or a disk path inside one (then named relative to it). */
function locateEntry(proto: string, searchPaths: readonly string[]): ProtoSource | undefined {
  if (!isAbsolute(proto)) {
    const byName = locateImport(toImportName(proto), searchPaths);
    if (byName !== undefined) return byName;
  }
  if (!isFile(proto)) return undefined;
  const absolute = resolve(proto);
  for (const dir of searchPaths) {
    const inside = relative(resolve(dir), absolute);
    if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) {
      return readSource(toImportName(inside), proto);
    }
  }
  return undefined;
}

function locateImport(name: string, searchPaths: readonly string[]): ProtoSource | undefined {
  for (const dir of searchPaths) {
    const candidate = join(dir, name);
    if (isFile(candidate)) return readSource(name, candidate);
  }
  return undefined;
}

function readSource(name: string, displayPath: string): ProtoSource {
  try {
    return { name, displayPath, text: readFileSync(displayPath, 'utf8') };
  } catch (err) {
    throw schemaError(`could not read ${displayPath}: ${reasonOf(err)}`, err);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function toImportName(path: string): string {
  return normalize(path).split(sep).join('/');
}
