// The schema `qurl grpc` works from, whatever it was loaded from (.proto files, protosets, reflection): grpcurl's
// list, describe and --msg-template over one @bufbuild/protobuf FileRegistry. Created by the loaders in index.ts.
import { clone, create, toBinary, type DescMethod, type FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { describeSymbol } from './describe-symbol.js';
import { messageTemplate } from './message-template.js';
import { printProtoFile } from './print-file.js';
import { indexSymbols, type SchemaSymbol } from './schema-symbols.js';
import type { SchemaFiles } from './schema-files.js';

export interface GrpcSchema {
  readonly registry: FileRegistry;
  /** Fully-qualified service names, sorted (grpcurl `list`). */
  services(): string[];
  /** Methods of a service as `pkg.Service.Method`, sorted (grpcurl `list SERVICE`); undefined when no such service. */
  methods(service: string): string[] | undefined;
  /** `pkg.Service/Method` or `pkg.Service.Method` (grpcurl accepts both; a leading dot is fine). */
  findMethod(symbol: string): DescMethod | undefined;
  /**
   * grpcurl's `describe SYMBOL` output for a service, method, message, enum, field, oneof or enum value: the
   * "NAME is a message:" line and the element in .proto syntax, ending in a newline; undefined when unknown.
   */
  describe(symbol: string): string | undefined;
  /** grpcurl's `--msg-template` JSON for a message type (every field present, nested ones filled once); undefined when unknown. */
  template(messageName: string): unknown;
  /** Every file, dependencies first, as serialized FileDescriptorProto bytes (what a reflection server sends). */
  fileDescriptors(): Uint8Array[];
  /** The same files as descriptor messages, in the same order as fileDescriptors(): the schema's own, and the built-ins they import. */
  readonly files: readonly FileDescriptorProto[];
  /**
   * grpcurl's -protoset-out: a serialized FileDescriptorSet of the files defining `symbols` (services, methods,
   * types, fields…) and everything they import, dependencies first. Unknown symbols are skipped.
   */
  fileSetFor(symbols: readonly string[]): Uint8Array;
  /** grpcurl's -proto-out-dir: the same files as .proto sources, each under its import name. */
  protoSourcesFor(symbols: readonly string[]): { readonly name: string; readonly text: string }[];
}

export function createGrpcSchema(schemaFiles: SchemaFiles): GrpcSchema {
  const { registry, files } = schemaFiles;
  let symbols: ReadonlyMap<string, SchemaSymbol> | undefined;
  let serialized: Uint8Array[] | undefined;
  const symbolOf = (symbol: string): SchemaSymbol | undefined => {
    symbols ??= indexSymbols(allFiles(files, registry));
    return symbols.get(normalizeSymbol(symbol));
  };
  return {
    registry,
    files,
    services: () => [...registry].filter((type) => type.kind === 'service').map((service) => service.typeName).sort(),
    methods: (service) => registry.getService(normalizeSymbol(service))?.methods.map((m) => `${m.parent.typeName}.${m.name}`).sort(),
    findMethod: (symbol) => findMethod(registry, symbol),
    describe: (symbol) => {
      const found = symbolOf(symbol);
      return found === undefined ? undefined : describeSymbol(found);
    },
    template: (messageName) => {
      const message = registry.getMessage(normalizeSymbol(messageName));
      return message === undefined ? undefined : messageTemplate(message);
    },
    fileSetFor: (wanted) => toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: filesFor(registry, files, wanted) })),
    protoSourcesFor: (wanted) => filesFor(registry, files, wanted).map((file) => ({ name: file.name, text: printProtoFile(file) })),
    fileDescriptors: () => {
      serialized ??= files.map((file) => toBinary(FileDescriptorProtoSchema, withoutSyntheticSourceInfo(file)));
      return [...serialized];
    },
  };
}

/** The file defining a symbol: a type or service, else what encloses it (a method, field or enum value). */
function fileOf(registry: FileRegistry, symbol: string): string | undefined {
  for (let name = normalizeSymbol(symbol).replace('/', '.'); name !== ''; name = name.slice(0, Math.max(name.lastIndexOf('.'), 0))) {
    const found = registry.get(name);
    if (found) return found.file.proto.name;
  }
  return undefined;
}

/** The files defining `symbols` and everything they import, dependencies first. */
function filesFor(registry: FileRegistry, files: readonly FileDescriptorProto[], symbols: readonly string[]): FileDescriptorProto[] {
  const byName = new Map<string, FileDescriptorProto>([...registry.files].map((f) => [f.proto.name, f.proto]));
  for (const file of files) byName.set(file.name, file);
  const out: FileDescriptorProto[] = [];
  const done = new Set<string>();
  const visit = (name: string): void => {
    const file = byName.get(name);
    if (!file || done.has(name)) return;
    done.add(name);
    file.dependency.forEach(visit);
    out.push(file);
  };
  for (const symbol of symbols) {
    const name = fileOf(registry, symbol);
    if (name !== undefined) visit(name);
  }
  return out;
}

function normalizeSymbol(symbol: string): string {
  return symbol.trim().replace(/^\./, '');
}

function findMethod(registry: FileRegistry, symbol: string): DescMethod | undefined {
  const name = normalizeSymbol(symbol);
  const cut = name.includes('/') ? name.lastIndexOf('/') : name.lastIndexOf('.');
  if (cut <= 0) return undefined;
  return registry.getService(name.slice(0, cut))?.methods.find((method) => method.name === name.slice(cut + 1));
}

/** The schema's own files first (they win a name clash), then the registry's others (the built-ins). */
function* allFiles(files: readonly FileDescriptorProto[], registry: FileRegistry): Generator<FileDescriptorProto> {
  const names = new Set(files.map((file) => file.name));
  yield* files;
  for (const file of registry.files) if (!names.has(file.proto.name)) yield file.proto;
}

/** Comments converted from .proto files carry no real positions: a reflection client gets the file without them. */
function withoutSyntheticSourceInfo(file: FileDescriptorProto): FileDescriptorProto {
  const locations = file.sourceCodeInfo?.location ?? [];
  if (locations.length === 0 || !locations.every((l) => l.span.length === 3 && l.span.every((n) => n === 0))) return file;
  const copy = clone(FileDescriptorProtoSchema, file);
  copy.sourceCodeInfo = undefined;
  return copy;
}
