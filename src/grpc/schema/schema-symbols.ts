// Every name grpcurl's `describe` accepts (services, methods, messages, fields, oneofs, enums, enum values,
// extensions), indexed over a schema's files with each element's SourceCodeInfo path; used by describe-symbol.ts.
import type {
  DescriptorProto,
  EnumDescriptorProto,
  EnumValueDescriptorProto,
  FieldDescriptorProto,
  FileDescriptorProto,
  MethodDescriptorProto,
  ServiceDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import { joinName } from './print-context.js';

interface SymbolBase {
  readonly fullName: string;
  readonly file: FileDescriptorProto;
  readonly path: readonly number[];
}

/** Where a nested element lives: its message (or the file, for top-level ones) and that scope's name and path. */
export interface SymbolParent {
  readonly message: DescriptorProto | undefined;
  readonly name: string;
  readonly path: readonly number[];
}

export type SchemaSymbol = SymbolBase & (
  | { readonly kind: 'service'; readonly service: ServiceDescriptorProto }
  | { readonly kind: 'method'; readonly method: MethodDescriptorProto }
  | { readonly kind: 'message'; readonly message: DescriptorProto; readonly parent: SymbolParent }
  | { readonly kind: 'field'; readonly field: FieldDescriptorProto; readonly parent: SymbolParent & { readonly message: DescriptorProto } }
  | { readonly kind: 'extension'; readonly field: FieldDescriptorProto; readonly parent: SymbolParent }
  | { readonly kind: 'oneof'; readonly index: number; readonly parent: SymbolParent & { readonly message: DescriptorProto } }
  | { readonly kind: 'enum'; readonly descEnum: EnumDescriptorProto }
  | { readonly kind: 'enum-value'; readonly value: EnumValueDescriptorProto }
);

/** Indexes `files` in order; the first definition of a name wins. */
export function indexSymbols(files: Iterable<FileDescriptorProto>): ReadonlyMap<string, SchemaSymbol> {
  const index = new Map<string, SchemaSymbol>();
  const add = (symbol: SchemaSymbol, key = symbol.fullName): void => {
    if (!index.has(key)) index.set(key, symbol);
  };
  for (const file of files) {
    const top: SymbolParent = { message: undefined, name: file.package, path: [] };
    file.service.forEach((service, i) => {
      const fullName = joinName(file.package, service.name);
      add({ kind: 'service', fullName, file, path: [6, i], service });
      service.method.forEach((method, j) => add({ kind: 'method', fullName: `${fullName}.${method.name}`, file, path: [6, i, 2, j], method }));
    });
    file.messageType.forEach((message, i) => indexMessage(add, file, message, top, [4, i]));
    file.enumType.forEach((descEnum, i) => indexEnum(add, file, descEnum, top, [5, i]));
    file.extension.forEach((field, i) => add({ kind: 'extension', fullName: joinName(file.package, field.name), file, path: [7, i], field, parent: top }));
  }
  return index;
}

type Add = (symbol: SchemaSymbol, key?: string) => void;

function indexMessage(add: Add, file: FileDescriptorProto, message: DescriptorProto, parent: SymbolParent, path: readonly number[]): void {
  const fullName = joinName(parent.name, message.name);
  add({ kind: 'message', fullName, file, path, message, parent });
  const self = { message, name: fullName, path };
  message.field.forEach((field, i) => add({ kind: 'field', fullName: `${fullName}.${field.name}`, file, path: [...path, 2, i], field, parent: self }));
  message.oneofDecl.forEach((oneof, i) => add({ kind: 'oneof', fullName: `${fullName}.${oneof.name}`, file, path: [...path, 8, i], index: i, parent: self }));
  message.extension.forEach((field, i) => add({ kind: 'extension', fullName: `${fullName}.${field.name}`, file, path: [...path, 6, i], field, parent: self }));
  message.nestedType.forEach((nested, i) => indexMessage(add, file, nested, self, [...path, 3, i]));
  message.enumType.forEach((descEnum, i) => indexEnum(add, file, descEnum, self, [...path, 4, i]));
}

function indexEnum(add: Add, file: FileDescriptorProto, descEnum: EnumDescriptorProto, parent: SymbolParent, path: readonly number[]): void {
  const fullName = joinName(parent.name, descEnum.name);
  add({ kind: 'enum', fullName, file, path, descEnum });
  // grpcurl names values inside their enum (pkg.Enum.VALUE); protobuf scopes them beside it (pkg.VALUE).
  const values = descEnum.value.map((value, i): SchemaSymbol => ({ kind: 'enum-value', fullName: `${fullName}.${value.name}`, file, path: [...path, 2, i], value }));
  for (const value of values) add(value);
  for (const value of values) if (value.kind === 'enum-value') add(value, joinName(parent.name, value.value.name));
}
