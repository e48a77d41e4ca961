// What the .proto printer needs besides the element: its file (syntax, doc comments) and, for fields, where
// the field is declared; shared by print-message.ts, print-field.ts and print-service.ts.
import { isFieldSet } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as FieldType,
  FieldDescriptorProtoSchema,
  type DescriptorProto,
  type FieldDescriptorProto,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import type { PrintedOption } from './proto-options.js';
import type { ProtoWriter } from './proto-writer.js';

export interface PrintContext {
  readonly w: ProtoWriter;
  readonly file: FileDescriptorProto;
  readonly isProto3: boolean;
  /** The doc comment at a SourceCodeInfo path, when the file has one (.proto files and protosets with source info). */
  comment(path: readonly number[]): string | undefined;
  /** Elements as declared (a whole file, for -proto-out-dir), not sorted as describe prints them. */
  readonly declarationOrder?: boolean;
}

/** describe's order (by `compare`), or the declaration order when printing a file. */
export function ordered<T>(ctx: PrintContext, items: readonly T[], compare: (a: T, b: T) => number): T[] {
  return ctx.declarationOrder ? [...items] : [...items].sort(compare);
}

/** The message (or, for file-level extensions, the file) a field is declared in. */
export interface FieldScope {
  readonly fullName: string;
  readonly nestedTypes: readonly DescriptorProto[];
  /** The path prefix of `nestedTypes` entries: message path + [3], or [4] for the file. */
  readonly nestedPath: readonly number[];
}

export function messageScope(message: DescriptorProto, fullName: string, path: readonly number[]): FieldScope {
  return { fullName, nestedTypes: message.nestedType, nestedPath: [...path, 3] };
}

export function fileScope(file: FileDescriptorProto): FieldScope {
  return { fullName: file.package, nestedTypes: file.messageType, nestedPath: [4] };
}

export function joinName(scope: string, name: string): string {
  return scope === '' ? name : `${scope}.${name}`;
}

/** The nested message a field's type names (a map entry or a group), with its index in the scope. */
export function nestedTypeOf(field: FieldDescriptorProto, scope: FieldScope): { message: DescriptorProto; index: number } | undefined {
  const wanted = field.typeName.replace(/^\./, '');
  const index = scope.nestedTypes.findIndex((nested) => joinName(scope.fullName, nested.name) === wanted);
  const message = scope.nestedTypes[index];
  return message === undefined ? undefined : { message, index };
}

export function mapEntryOf(field: FieldDescriptorProto, scope: FieldScope): DescriptorProto | undefined {
  if (field.label !== Label.REPEATED || field.type !== FieldType.MESSAGE) return undefined;
  const entry = nestedTypeOf(field, scope)?.message;
  return entry?.options?.mapEntry === true ? entry : undefined;
}

export function hasOneof(field: FieldDescriptorProto): boolean {
  return isFieldSet(field, FieldDescriptorProtoSchema.field.oneofIndex);
}

/** protoprint's `printElementString` and indentation, then `option name = value;` per line. */
export function printOptionsLong(ctx: PrintContext, options: readonly PrintedOption[], indent: number): void {
  for (const option of options) {
    ctx.w.indent(indent);
    ctx.w.write('option ');
    ctx.w.write(`${option.name} = `);
    ctx.w.write(option.value);
    ctx.w.write(';');
    ctx.w.endLine();
  }
}

/** `[a = 1, b = 2]` after a field or enum value; more than three options, or a long list, go one per line. */
export function printOptionsShort(ctx: PrintContext, options: readonly PrintedOption[], indent: number): void {
  if (options.length === 0) return;
  const inline = `[${options.map((o) => `${o.name} = ${o.value}`).join(', ')}]`;
  // protoprint measures " [...]" minus 3 characters against 50.
  if (options.length <= 3 && inline.length - 2 <= 50) {
    ctx.w.write('[');
    options.forEach((option, i) => {
      ctx.w.write(`${option.name} = `);
      ctx.w.write(option.value);
      if (i < options.length - 1) ctx.w.write(', ');
    });
  } else {
    ctx.w.write('[\n');
    options.forEach((option, i) => {
      ctx.w.indent(indent + 1);
      ctx.w.write(`${option.name} = `);
      ctx.w.write(option.value);
      if (i < options.length - 1) ctx.w.write(',\n');
      else ctx.w.endLine();
    });
    ctx.w.indent(indent);
  }
  ctx.w.write('] ');
}
