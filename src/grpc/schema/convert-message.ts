// protobufjs messages, fields and enums to descriptor protos, as protoc would write them: fully-qualified type
// names, json_name, labels, proto3 optional with its synthetic oneof, maps as nested XxxEntry messages. Used by
// convert-files.ts.
import protobuf from 'protobufjs';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { protoCamelCase } from '@bufbuild/protobuf/reflect';
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as FieldType,
  FieldOptions_CType,
  FieldOptions_JSType,
  type DescriptorProtoSchema,
  type EnumDescriptorProtoSchema,
  type FieldDescriptorProtoSchema,
} from '@bufbuild/protobuf/wkt';
import { schemaError } from './schema-error.js';

type MessageInit = MessageInitShape<typeof DescriptorProtoSchema>;
type FieldInit = MessageInitShape<typeof FieldDescriptorProtoSchema>;
type EnumInit = MessageInitShape<typeof EnumDescriptorProtoSchema>;

const MAX_FIELD_NUMBER = 536870911;

/** Records a doc comment at a SourceCodeInfo path (descriptor.proto's numbering). */
export type CommentSink = (path: readonly number[], comment: string | null | undefined) => void;

const SCALAR_TYPES: Readonly<Record<string, FieldType>> = {
  double: FieldType.DOUBLE, float: FieldType.FLOAT, int64: FieldType.INT64, uint64: FieldType.UINT64,
  int32: FieldType.INT32, fixed64: FieldType.FIXED64, fixed32: FieldType.FIXED32, bool: FieldType.BOOL,
  string: FieldType.STRING, bytes: FieldType.BYTES, uint32: FieldType.UINT32, sfixed32: FieldType.SFIXED32,
  sfixed64: FieldType.SFIXED64, sint32: FieldType.SINT32, sint64: FieldType.SINT64,
};

export function convertMessage(type: protobuf.Type, comments: CommentSink, path: readonly number[]): MessageInit {
  comments(path, type.comment);
  const oneofs = [...type.oneofsArray.filter((o) => !isSynthetic(o)), ...type.oneofsArray.filter(isSynthetic)];
  const fields = type.fieldsArray.filter((field) => field.declaringField === null);
  const nestedTypes = type.nestedArray.filter((o): o is protobuf.Type => o instanceof protobuf.Type);
  const mapEntries = fields.flatMap((field) => (field instanceof protobuf.MapField ? [mapEntryOf(field)] : []));
  const enums = type.nestedArray.filter((o): o is protobuf.Enum => o instanceof protobuf.Enum);
  const extensions = type.nestedArray.filter((o): o is protobuf.Field => o instanceof protobuf.Field && o.extend !== undefined);
  oneofs.forEach((oneof, i) => comments([...path, 8, i], isSynthetic(oneof) ? null : oneof.comment));
  return {
    name: type.name,
    field: fields.map((field, i) => convertField(field, oneofs, comments, [...path, 2, i])),
    nestedType: [...nestedTypes.map((nested, i) => convertMessage(nested, comments, [...path, 3, i])), ...mapEntries],
    enumType: enums.map((nested, i) => convertEnum(nested, comments, [...path, 4, i])),
    extension: extensions.map((field, i) => convertField(field, [], comments, [...path, 6, i])),
    oneofDecl: oneofs.map((oneof) => ({ name: oneof.name })),
    extensionRange: (type.extensions ?? []).map(([start, end]) => ({ start, end: end + 1 })),
    reservedRange: (type.reserved ?? []).filter(isRange).map(([start, end]) => ({ start, end: end + 1 })),
    reservedName: (type.reserved ?? []).filter((r): r is string => typeof r === 'string'),
    options: messageOptions(type.options),
  };
}

export function convertField(field: protobuf.FieldBase, oneofs: readonly protobuf.OneOf[], comments: CommentSink, path: readonly number[]): FieldInit {
  comments(path, field.comment);
  if (!Number.isInteger(field.id) || field.id < 1 || field.id > MAX_FIELD_NUMBER) {
    throw schemaError(`field ${field.fullName.slice(1)} has number ${field.id}; field numbers go from 1 to ${MAX_FIELD_NUMBER}`);
  }
  const options = field.options ?? {};
  const oneofIndex = field.partOf === null ? -1 : oneofs.indexOf(field.partOf);
  const isGroup = field.resolvedType instanceof protobuf.Type && (field.resolvedType as { group?: boolean }).group === true;
  const name = isGroup ? field.name.toLowerCase() : field.name;
  const converted: FieldInit = {
    name,
    number: field.id,
    label: field instanceof protobuf.MapField || field.repeated ? Label.REPEATED : (field as unknown as { rule?: string }).rule === 'required' ? Label.REQUIRED : Label.OPTIONAL,
    jsonName: typeof options.json_name === 'string' ? options.json_name : protoCamelCase(name),
    ...typeOf(field, isGroup),
    ...(field.extend === undefined ? {} : { extendee: extendeeOf(field) }),
    ...(oneofIndex >= 0 ? { oneofIndex } : {}),
    ...(options.proto3_optional === true ? { proto3Optional: true } : {}),
    ...(options.default === undefined ? {} : { defaultValue: defaultValueText(options.default) }),
    options: fieldOptions(options),
  };
  return converted;
}

function typeOf(field: protobuf.FieldBase, isGroup: boolean): Pick<FieldInit, 'type' | 'typeName'> {
  if (field instanceof protobuf.MapField) return { type: FieldType.MESSAGE, typeName: `${field.parent?.fullName ?? ''}.${mapEntryName(field.name)}` };
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) return { type: FieldType.ENUM, typeName: resolved.fullName };
  if (resolved instanceof protobuf.Type) return { type: isGroup ? FieldType.GROUP : FieldType.MESSAGE, typeName: resolved.fullName };
  return { type: SCALAR_TYPES[field.type] ?? FieldType.BYTES };
}

/** protoc's MapEntryName: `rpcs_by_peer` → `RpcsByPeerEntry`. */
function mapEntryName(fieldName: string): string {
  return `${fieldName.replace(/(?:^|_)([a-z]?)/g, (_all, letter: string) => letter.toUpperCase())}Entry`;
}

function mapEntryOf(field: protobuf.MapField): MessageInit {
  const resolved = field.resolvedType;
  const value: Pick<FieldInit, 'type' | 'typeName'> = resolved instanceof protobuf.Enum
    ? { type: FieldType.ENUM, typeName: resolved.fullName }
    : resolved instanceof protobuf.Type
      ? { type: FieldType.MESSAGE, typeName: resolved.fullName }
      : { type: SCALAR_TYPES[field.type] ?? FieldType.BYTES };
  return {
    name: mapEntryName(field.name),
    field: [
      { name: 'key', number: 1, label: Label.OPTIONAL, type: SCALAR_TYPES[field.keyType] ?? FieldType.STRING, jsonName: 'key' },
      { name: 'value', number: 2, label: Label.OPTIONAL, jsonName: 'value', ...value },
    ],
    options: { mapEntry: true },
  };
}

function extendeeOf(field: protobuf.FieldBase): string {
  const extended = field.extensionField?.parent ?? field.parent?.lookup(field.extend ?? '', [protobuf.Type]);
  return extended?.fullName ?? `.${field.extend ?? ''}`;
}

export function convertEnum(descEnum: protobuf.Enum, comments: CommentSink, path: readonly number[]): EnumInit {
  comments(path, descEnum.comment);
  const options = descEnum.options ?? {};
  return {
    name: descEnum.name,
    value: Object.entries(descEnum.values).map(([name, number], i) => {
      if (!Number.isInteger(number) || number < -0x80000000 || number > 0x7fffffff) {
        throw schemaError(`enum value ${descEnum.fullName.slice(1)}.${name} is ${number}, outside 32 bits`);
      }
      comments([...path, 2, i], descEnum.comments[name] ?? null);
      const deprecated = descEnum.valuesOptions?.[name]?.deprecated === true;
      return { name, number, ...(deprecated ? { options: { deprecated: true } } : {}) };
    }),
    reservedRange: (descEnum.reserved ?? []).filter(isRange).map(([start, end]) => ({ start, end })),
    reservedName: (descEnum.reserved ?? []).filter((r): r is string => typeof r === 'string'),
    ...(options.allow_alias === true || options.deprecated === true
      ? { options: { ...(options.allow_alias === true ? { allowAlias: true } : {}), ...(options.deprecated === true ? { deprecated: true } : {}) } }
      : {}),
  };
}

function isSynthetic(oneof: protobuf.OneOf): boolean {
  return oneof.fieldsArray.length === 1 && oneof.fieldsArray[0]?.options?.proto3_optional === true;
}

function isRange(range: number[] | string): range is [number, number] {
  return Array.isArray(range) && range.length === 2;
}

function messageOptions(options: Record<string, unknown> | undefined): MessageInit['options'] {
  if (options === undefined) return undefined;
  const picked = {
    ...(options.deprecated === true ? { deprecated: true } : {}),
    ...(options.message_set_wire_format === true ? { messageSetWireFormat: true } : {}),
    ...(options.no_standard_descriptor_accessor === true ? { noStandardDescriptorAccessor: true } : {}),
  };
  return Object.keys(picked).length === 0 ? undefined : picked;
}

function fieldOptions(options: Record<string, unknown>): FieldInit['options'] {
  const picked: NonNullable<FieldInit['options']> = {};
  if (typeof options.packed === 'boolean') picked.packed = options.packed;
  if (options.deprecated === true) picked.deprecated = true;
  if (options.lazy === true) picked.lazy = true;
  if (typeof options.jstype === 'string' && options.jstype in FieldOptions_JSType) {
    picked.jstype = FieldOptions_JSType[options.jstype as keyof typeof FieldOptions_JSType];
  }
  if (typeof options.ctype === 'string' && options.ctype in FieldOptions_CType) {
    picked.ctype = FieldOptions_CType[options.ctype as keyof typeof FieldOptions_CType];
  }
  return Object.keys(picked).length === 0 ? undefined : picked;
}

/** FieldDescriptorProto.default_value is text: numbers in decimal, inf/nan spelled as protoc does, bytes C-escaped. */
function defaultValueText(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  }
  return String(value);
}
