// Adds the types of an already-built descriptor file (a built-in one) to a protobufjs Root, so the .proto files
// that import it resolve their references; used by proto-tree.ts. Only names and field types matter here:
// the descriptor itself, not this copy, goes into the registry.
import protobuf from 'protobufjs';
import { ScalarType, type DescEnum, type DescField, type DescFile, type DescMessage } from '@bufbuild/protobuf';

const SCALAR_NAMES: Readonly<Record<ScalarType, string>> = {
  [ScalarType.DOUBLE]: 'double',
  [ScalarType.FLOAT]: 'float',
  [ScalarType.INT64]: 'int64',
  [ScalarType.UINT64]: 'uint64',
  [ScalarType.INT32]: 'int32',
  [ScalarType.FIXED64]: 'fixed64',
  [ScalarType.FIXED32]: 'fixed32',
  [ScalarType.BOOL]: 'bool',
  [ScalarType.STRING]: 'string',
  [ScalarType.BYTES]: 'bytes',
  [ScalarType.UINT32]: 'uint32',
  [ScalarType.SFIXED32]: 'sfixed32',
  [ScalarType.SFIXED64]: 'sfixed64',
  [ScalarType.SINT32]: 'sint32',
  [ScalarType.SINT64]: 'sint64',
};

export function addDescFileToRoot(root: protobuf.Root, file: DescFile): void {
  const namespace = file.proto.package === '' ? root : root.define(file.proto.package);
  const filename = file.proto.name;
  for (const descEnum of file.enums) namespace.add(toEnum(descEnum, filename));
  for (const message of file.messages) namespace.add(toType(message, filename));
}

function toType(message: DescMessage, filename: string): protobuf.Type {
  const type = new protobuf.Type(message.name);
  type.filename = filename;
  for (const field of message.fields) type.add(toField(field, filename));
  for (const nested of message.nestedMessages) type.add(toType(nested, filename));
  for (const nested of message.nestedEnums) type.add(toEnum(nested, filename));
  return type;
}

function toEnum(descEnum: DescEnum, filename: string): protobuf.Enum {
  const values: Record<string, number> = {};
  for (const value of descEnum.values) values[value.name] = value.number;
  const created = new protobuf.Enum(descEnum.name, values);
  created.filename = filename;
  return created;
}

function toField(field: DescField, filename: string): protobuf.FieldBase {
  const created = field.fieldKind === 'map'
    ? new protobuf.MapField(field.name, field.number, SCALAR_NAMES[field.mapKey], valueTypeName(field))
    : new protobuf.Field(field.name, field.number, valueTypeName(field), field.fieldKind === 'list' ? 'repeated' : undefined);
  created.filename = filename;
  return created;
}

function valueTypeName(field: DescField): string {
  if (field.message !== undefined) return `.${field.message.typeName}`;
  if (field.enum !== undefined) return `.${field.enum.typeName}`;
  return field.scalar === undefined ? 'bytes' : SCALAR_NAMES[field.scalar];
}
