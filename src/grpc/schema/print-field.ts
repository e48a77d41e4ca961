// grpcurl's `describe` text for fields, oneofs and extensions (protoprint's printField, printOneOf and
// printExtensions with grpcurl's settings); used by print-message.ts and describe-symbol.ts.
import { protoCamelCase } from '@bufbuild/protobuf/reflect';
import { isFieldSet } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as FieldType,
  FieldDescriptorProtoSchema,
  FieldOptionsSchema,
  OneofOptionsSchema,
  type DescriptorProto,
  type FieldDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import {
  hasOneof,
  mapEntryOf,
  nestedTypeOf,
  ordered,
  printOptionsLong,
  printOptionsShort,
  type FieldScope,
  type PrintContext,
} from './print-context.js';
import { goFloat, optionsOf, quotedString, sortOptions, type PrintedOption } from './proto-options.js';

/** Prints a message body; print-message.ts passes itself here so a group's body prints without an import cycle. */
export type MessageBodyPrinter = (ctx: PrintContext, message: DescriptorProto, fullName: string, path: readonly number[], indent: number) => void;

const SCALAR_NAMES: Partial<Record<FieldType, string>> = {
  [FieldType.DOUBLE]: 'double', [FieldType.FLOAT]: 'float', [FieldType.INT64]: 'int64', [FieldType.UINT64]: 'uint64',
  [FieldType.INT32]: 'int32', [FieldType.FIXED64]: 'fixed64', [FieldType.FIXED32]: 'fixed32', [FieldType.BOOL]: 'bool',
  [FieldType.STRING]: 'string', [FieldType.BYTES]: 'bytes', [FieldType.UINT32]: 'uint32', [FieldType.SFIXED32]: 'sfixed32',
  [FieldType.SFIXED64]: 'sfixed64', [FieldType.SINT32]: 'sint32', [FieldType.SINT64]: 'sint64',
};

const LABELS: Record<Label, string> = { [Label.OPTIONAL]: 'optional', [Label.REQUIRED]: 'required', [Label.REPEATED]: 'repeated' };

export function printField(ctx: PrintContext, field: FieldDescriptorProto, scope: FieldScope, path: readonly number[], indent: number, printBody: MessageBodyPrinter): void {
  const { w } = ctx;
  const group = field.type === FieldType.GROUP ? nestedTypeOf(field, scope) : undefined;
  // A group's doc comment sits on its message type.
  w.docComment(ctx.comment(group === undefined ? path : [...scope.nestedPath, group.index]), indent);
  w.indent(indent);
  const entry = mapEntryOf(field, scope);
  if (field.proto3Optional || (entry === undefined && !hasOneof(field) && (field.label !== Label.OPTIONAL || !ctx.isProto3))) {
    w.write(`${LABELS[field.label]} `);
  }
  if (group !== undefined) w.write('group ');
  w.write(`${typeString(field, scope)} `);
  if (group === undefined) w.write(`${field.name} `);
  w.write('= ');
  w.write(`${field.number} `);
  printOptionsShort(ctx, fieldOptions(ctx, field), indent);
  if (group !== undefined) {
    w.write('{\n');
    const groupName = `${scope.fullName === '' ? '' : `${scope.fullName}.`}${group.message.name}`;
    printBody(ctx, group.message, groupName, [...scope.nestedPath, group.index], indent + 1);
    w.indent(indent);
    w.write('}\n');
  } else {
    w.write(';');
  }
  w.endLine();
}

function typeString(field: FieldDescriptorProto, scope: FieldScope): string {
  const entry = mapEntryOf(field, scope);
  if (entry !== undefined) {
    const [key, value] = [entry.field.find((f) => f.number === 1), entry.field.find((f) => f.number === 2)];
    if (key !== undefined && value !== undefined) return `map<${typeString(key, scope)}, ${typeString(value, scope)}>`;
  }
  if (field.type === FieldType.GROUP) return field.typeName.slice(field.typeName.lastIndexOf('.') + 1);
  if (field.type === FieldType.MESSAGE || field.type === FieldType.ENUM) {
    return field.typeName.startsWith('.') ? field.typeName : `.${field.typeName}`;
  }
  return SCALAR_NAMES[field.type] ?? 'bytes';
}

function fieldOptions(ctx: PrintContext, field: FieldDescriptorProto): PrintedOption[] {
  const extras: PrintedOption[] = [];
  if (!ctx.isProto3 && isFieldSet(field, FieldDescriptorProtoSchema.field.defaultValue)) {
    extras.push({ name: 'default', value: defaultText(field) });
  }
  if (field.jsonName !== '' && field.jsonName !== protoCamelCase(field.name)) {
    extras.push({ name: 'json_name', value: quotedString(field.jsonName) });
  }
  return sortOptions([...optionsOf(FieldOptionsSchema, field.options), ...extras]);
}

function defaultText(field: FieldDescriptorProto): string {
  const text = field.defaultValue;
  switch (field.type) {
    case FieldType.STRING:
      return quotedString(text);
    case FieldType.BYTES:
      return `"${text}"`;
    case FieldType.FLOAT:
    case FieldType.DOUBLE:
      return goFloat(text === 'inf' ? Infinity : text === '-inf' ? -Infinity : text === 'nan' ? NaN : Number(text));
    default:
      return text;
  }
}

/**
 * A oneof and its fields. `memberPath` gives each member's path; describing a oneof on its own, protoprint
 * computes paths that match nothing, so grpcurl prints no doc comments there: `withComments` false.
 */
export function printOneof(ctx: PrintContext, message: DescriptorProto, scope: FieldScope, messagePath: readonly number[], oneofIndex: number, indent: number, withComments: boolean, printBody: MessageBodyPrinter): void {
  const { w } = ctx;
  const oneof = message.oneofDecl[oneofIndex];
  if (oneof === undefined) return;
  const quiet: PrintContext = withComments ? ctx : { ...ctx, comment: () => undefined };
  w.docComment(quiet.comment([...messagePath, 8, oneofIndex]), indent);
  w.indent(indent);
  w.write('oneof ');
  w.write(`${oneof.name} `);
  w.write('{\n');
  printOptionsLong(ctx, optionsOf(OneofOptionsSchema, oneof.options), indent + 1);
  const inOneof = message.field.map((field, index) => ({ field, index })).filter(({ field }) => hasOneof(field) && field.oneofIndex === oneofIndex);
  const members = ordered(ctx, inOneof, (a, b) => a.field.number - b.field.number);
  for (const { field, index } of members) printField(quiet, field, scope, [...messagePath, 2, index], indent + 1, printBody);
  w.indent(indent);
  w.write('}\n');
}

/** `extend .pkg.Msg {` … `}` around extensions of one extendee. */
export function printExtensionBlock(ctx: PrintContext, fields: readonly { field: FieldDescriptorProto; path: readonly number[] }[], scope: FieldScope, indent: number, printBody: MessageBodyPrinter): void {
  const first = fields[0];
  if (first === undefined) return;
  const { w } = ctx;
  w.indent(indent);
  w.write('extend ');
  w.write(`${first.field.extendee.startsWith('.') ? first.field.extendee : `.${first.field.extendee}`} `);
  w.write('{\n');
  for (const { field, path } of fields) printField(ctx, field, scope, path, indent + 1, printBody);
  w.indent(indent);
  w.write('}\n');
}
