// grpcurl's `describe` text for messages and enums: protoprint's printMessage, printMessageBody, printEnum and
// printEnumValue with grpcurl's settings (compact, doc comments only, sorted elements, fully-qualified names).
// Used by describe-symbol.ts.
import {
  EnumOptionsSchema,
  EnumValueOptionsSchema,
  ExtensionRangeOptionsSchema,
  FieldDescriptorProto_Type as FieldType,
  MessageOptionsSchema,
  type DescriptorProto,
  type EnumDescriptorProto,
  type EnumValueDescriptorProto,
  type FieldDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import { hasOneof, joinName, mapEntryOf, messageScope, ordered, printOptionsLong, printOptionsShort, type PrintContext } from './print-context.js';
import { printExtensionBlock, printField, printOneof } from './print-field.js';
import { optionsOf, quotedString } from './proto-options.js';

const MAX_FIELD_NUMBER = 536870911;
const MAX_MESSAGE_SET_NUMBER = 2147483646;
const MAX_ENUM_NUMBER = 2147483647;

export function printMessage(ctx: PrintContext, message: DescriptorProto, fullName: string, path: readonly number[], indent: number): void {
  const { w } = ctx;
  w.docComment(ctx.comment(path), indent);
  w.indent(indent);
  w.write('message ');
  w.write(`${message.name} `);
  w.write('{\n');
  printMessageBody(ctx, message, fullName, path, indent + 1);
  w.indent(indent);
  w.write('}\n');
}

type BodyElement =
  | { readonly rank: 2; readonly key: number; readonly field: FieldDescriptorProto; readonly index: number }
  | { readonly rank: 3; readonly key: string; readonly message: DescriptorProto; readonly index: number }
  | { readonly rank: 4; readonly key: string; readonly nestedEnum: EnumDescriptorProto; readonly index: number }
  | { readonly rank: 5; readonly key: number; readonly start: number; readonly end: number; readonly options: string }
  | { readonly rank: 6; readonly key: string; readonly field: FieldDescriptorProto; readonly index: number }
  | { readonly rank: 9; readonly key: number; readonly start: number; readonly end: number }
  | { readonly rank: 10; readonly key: string; readonly name: string };

export function printMessageBody(ctx: PrintContext, message: DescriptorProto, fullName: string, path: readonly number[], indent: number): void {
  const scope = messageScope(message, fullName, path);
  const hidden = new Set<DescriptorProto>();
  for (const field of message.field) {
    const entry = mapEntryOf(field, scope);
    const group = field.type === FieldType.GROUP ? message.nestedType.find((n) => joinName(fullName, n.name) === field.typeName.slice(1)) : undefined;
    if (entry !== undefined) hidden.add(entry);
    if (group !== undefined) hidden.add(group);
  }
  const elements: BodyElement[] = [
    ...message.field.map((field, index) => ({ rank: 2 as const, key: field.number, field, index })),
    ...message.nestedType.map((nested, index) => ({ rank: 3 as const, key: nested.name, message: nested, index })).filter((e) => !hidden.has(e.message)),
    ...message.enumType.map((nestedEnum, index) => ({ rank: 4 as const, key: nestedEnum.name, nestedEnum, index })),
    ...message.extensionRange.map((r) => ({ rank: 5 as const, key: r.start, start: r.start, end: r.end, options: JSON.stringify(optionsOf(ExtensionRangeOptionsSchema, r.options)) })),
    ...message.extension.map((field, index) => ({ rank: 6 as const, key: `${field.extendee}\u0000${String(field.number).padStart(10, '0')}`, field, index })),
    ...message.reservedRange.map((r) => ({ rank: 9 as const, key: r.start, start: r.start, end: r.end })),
    ...message.reservedName.map((name) => ({ rank: 10 as const, key: name, name })),
  ];
  // Array sort is stable: in declaration order the elements only group by kind.
  elements.sort((a, b) => a.rank - b.rank || (ctx.declarationOrder ? 0 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  printOptionsLong(ctx, optionsOf(MessageOptionsSchema, message.options), indent);
  const maxTag = message.options?.messageSetWireFormat === true ? MAX_MESSAGE_SET_NUMBER : MAX_FIELD_NUMBER;
  const printedOneofs = new Set<number>();
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (element === undefined) continue;
    // Consecutive extension ranges (with equal options), extensions of one extendee and reserved entries print as one statement.
    const run = (joins: (next: BodyElement) => boolean): BodyElement[] => {
      const first = i;
      while (i + 1 < elements.length && joins(elements[i + 1] as BodyElement)) i++;
      return elements.slice(first, i + 1);
    };
    switch (element.rank) {
      case 2: {
        const { field } = element;
        if (!hasOneof(field) || field.proto3Optional) printField(ctx, field, scope, [...path, 2, element.index], indent, printMessageBody);
        else if (!printedOneofs.has(field.oneofIndex)) {
          printedOneofs.add(field.oneofIndex);
          printOneof(ctx, message, scope, path, field.oneofIndex, indent, true, printMessageBody);
        }
        break;
      }
      case 3:
        printMessage(ctx, element.message, joinName(fullName, element.message.name), [...path, 3, element.index], indent);
        break;
      case 4:
        printEnum(ctx, element.nestedEnum, [...path, 4, element.index], indent);
        break;
      case 5: {
        const ranges = run((next) => next.rank === 5 && next.options === element.options).flatMap((r) => (r.rank === 5 ? [[r.start, r.end - 1]] : []));
        printRanges(ctx, 'extensions', ranges, maxTag, indent);
        printOptionsShort(ctx, optionsOf(ExtensionRangeOptionsSchema, message.extensionRange.find((r) => r.start === element.start)?.options), indent);
        ctx.w.write(';\n');
        break;
      }
      case 6: {
        const block = run((next) => next.rank === 6 && next.field.extendee === element.field.extendee);
        printExtensionBlock(ctx, block.flatMap((e) => (e.rank === 6 ? [{ field: e.field, path: [...path, 6, e.index] }] : [])), scope, indent, printMessageBody);
        break;
      }
      case 9: {
        const ranges = run((next) => next.rank === 9).flatMap((r) => (r.rank === 9 ? [[r.start, r.end - 1]] : []));
        printRanges(ctx, 'reserved', ranges, maxTag, indent);
        ctx.w.write(';\n');
        break;
      }
      case 10:
        printReservedNames(ctx, run((next) => next.rank === 10).flatMap((r) => (r.rank === 10 ? [r.name] : [])), indent);
        break;
    }
  }
}

/** `reserved 1, 5 to 9, 100 to max` (ranges inclusive); the caller ends the statement. */
function printRanges(ctx: PrintContext, keyword: string, ranges: readonly (readonly number[])[], max: number, indent: number): void {
  ctx.w.indent(indent);
  ctx.w.write(`${keyword} `);
  ranges.forEach(([start = 0, end = 0], i) => {
    if (i > 0) ctx.w.write(', ');
    ctx.w.write(start === end ? `${start} ` : end === max ? `${start} to max ` : `${start} to ${end} `);
  });
}

function printReservedNames(ctx: PrintContext, names: readonly string[], indent: number): void {
  ctx.w.indent(indent);
  ctx.w.write('reserved ');
  names.forEach((name, i) => {
    if (i > 0) ctx.w.write(', ');
    ctx.w.write(`${quotedString(name)} `);
  });
  ctx.w.write(';\n');
}

export function printEnum(ctx: PrintContext, descEnum: EnumDescriptorProto, path: readonly number[], indent: number): void {
  const { w } = ctx;
  w.docComment(ctx.comment(path), indent);
  w.indent(indent);
  w.write('enum ');
  w.write(`${descEnum.name} `);
  w.write('{\n');
  printOptionsLong(ctx, optionsOf(EnumOptionsSchema, descEnum.options), indent + 1);
  const values = descEnum.value.map((value, index) => ({ value, index }));
  ordered(ctx, values, (a, b) => a.value.number - b.value.number || (a.value.name < b.value.name ? -1 : a.value.name > b.value.name ? 1 : 0))
    .forEach(({ value, index }) => printEnumValue(ctx, value, [...path, 2, index], indent + 1));
  if (descEnum.reservedRange.length > 0) {
    const ranges = [...descEnum.reservedRange].sort((a, b) => a.start - b.start).map((r) => [r.start, r.end]);
    printRanges(ctx, 'reserved', ranges, MAX_ENUM_NUMBER, indent + 1);
    w.write(';\n');
  }
  if (descEnum.reservedName.length > 0) printReservedNames(ctx, [...descEnum.reservedName].sort(), indent + 1);
  w.indent(indent);
  w.write('}\n');
}

export function printEnumValue(ctx: PrintContext, value: EnumValueDescriptorProto, path: readonly number[], indent: number): void {
  const { w } = ctx;
  w.docComment(ctx.comment(path), indent);
  w.indent(indent);
  w.write(`${value.name} `);
  w.write('= ');
  w.write(`${value.number} `);
  printOptionsShort(ctx, optionsOf(EnumValueOptionsSchema, value.options), indent);
  w.write(';');
  w.endLine();
}
