// grpcurl's `describe SYMBOL`: "<name> is a message:" and the element in .proto syntax as grpcurl prints it
// (map entries and group types are shown as their field, as grpcurl does); used by grpc-schema.ts.
import { FieldDescriptorProto_Type as FieldType, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { createProtoWriter } from './proto-writer.js';
import { fileScope, messageScope, type FieldScope, type PrintContext } from './print-context.js';
import { printExtensionBlock, printField, printOneof } from './print-field.js';
import { printEnum, printEnumValue, printMessage, printMessageBody } from './print-message.js';
import { printMethod, printService } from './print-service.js';
import type { SchemaSymbol, SymbolParent } from './schema-symbols.js';

/** The text grpcurl prints for `symbol`, ending in one newline. */
export function describeSymbol(symbol: SchemaSymbol): string {
  const w = createProtoWriter();
  const comments = commentsOf(symbol.file);
  const ctx: PrintContext = { w, file: symbol.file, isProto3: symbol.file.syntax === 'proto3', comment: (path) => comments.get(path.join('.')) };
  const what = printSymbol(ctx, symbol);
  return `${symbol.fullName} is ${what}:\n${w.text().replace(/\n*$/, '\n')}`;
}

function printSymbol(ctx: PrintContext, symbol: SchemaSymbol): string {
  switch (symbol.kind) {
    case 'service':
      printService(ctx, symbol.service, symbol.path, 0);
      return 'a service';
    case 'method':
      printMethod(ctx, symbol.method, symbol.path, 0);
      return 'a method';
    case 'enum':
      printEnum(ctx, symbol.descEnum, symbol.path, 0);
      return 'an enum';
    case 'enum-value':
      printEnumValue(ctx, symbol.value, symbol.path, 0);
      return 'an enum value';
    case 'field':
      printField(ctx, symbol.field, scopeOf(symbol.parent, symbol.file), symbol.path, 0, printMessageBody);
      return symbol.field.type === FieldType.GROUP ? 'a group field' : 'a field';
    case 'extension':
      printExtensionBlock(ctx, [{ field: symbol.field, path: symbol.path }], scopeOf(symbol.parent, symbol.file), 0, printMessageBody);
      return 'an extension';
    case 'oneof': {
      const { message, name, path } = symbol.parent;
      printOneof(ctx, message, messageScope(message, name, path), path, symbol.index, 0, false, printMessageBody);
      return 'a one-of';
    }
    case 'message':
      return printMessageSymbol(ctx, symbol);
  }
}

function printMessageSymbol(ctx: PrintContext, symbol: SchemaSymbol & { kind: 'message' }): string {
  const { message: parent, name, path } = symbol.parent;
  const typeName = `.${symbol.fullName}`;
  const index = parent?.field.findIndex((field) => field.typeName === typeName && (symbol.message.options?.mapEntry === true || field.type === FieldType.GROUP)) ?? -1;
  const field = parent?.field[index];
  if (parent !== undefined && field !== undefined) {
    printField(ctx, field, messageScope(parent, name, path), [...path, 2, index], 0, printMessageBody);
    return symbol.message.options?.mapEntry === true ? 'the entry type for a map field' : 'the type of a group field';
  }
  printMessage(ctx, symbol.message, symbol.fullName, symbol.path, 0);
  return 'a message';
}

function scopeOf(parent: SymbolParent, file: FileDescriptorProto): FieldScope {
  return parent.message === undefined ? fileScope(file) : messageScope(parent.message, parent.name, parent.path);
}

const commentCache = new WeakMap<FileDescriptorProto, ReadonlyMap<string, string>>();

/** A file's leading comments by SourceCodeInfo path (joined with dots). */
export function commentsOf(file: FileDescriptorProto): ReadonlyMap<string, string> {
  let comments = commentCache.get(file);
  if (comments === undefined) {
    comments = new Map((file.sourceCodeInfo?.location ?? []).filter((l) => l.leadingComments !== '').map((l) => [l.path.join('.'), l.leadingComments]));
    commentCache.set(file, comments);
  }
  return comments;
}
