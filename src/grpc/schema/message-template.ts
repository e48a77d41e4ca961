// grpcurl's `--msg-template`: a JSON value for a message type with every field present (grpcurl's MakeTemplate,
// printed with its default-emitting JSON formatter): one element in each list and map, nested messages filled
// once (a type already being filled shows only its scalar defaults), special values for the well-known types.
// Used by grpc-schema.ts.
import { ScalarType, type DescEnum, type DescField, type DescMessage, type JsonObject, type JsonValue } from '@bufbuild/protobuf';
import { base64Encode } from '@bufbuild/protobuf/wire';

// Where grpcurl prints JSON its own parser accepts but the canonical mapping (@bufbuild/protobuf) refuses, the
// canonical form wins: an Any of Empty has no "value" key, a FieldMask is a string (grpcurl: {"paths": [""]}).
const WELL_KNOWN_TEMPLATES: Readonly<Record<string, JsonValue>> = {
  'google.protobuf.Any': { '@type': 'type.googleapis.com/google.protobuf.Empty' },
  'google.protobuf.Value': { 'google.protobuf.Value': 'supports arbitrary JSON' },
  'google.protobuf.ListValue': [{ 'google.protobuf.ListValue': 'is an array of arbitrary JSON values' }],
  'google.protobuf.Struct': { 'google.protobuf.Struct': 'supports arbitrary JSON objects' },
  'google.protobuf.Timestamp': '1970-01-01T00:00:00Z',
  'google.protobuf.Duration': '0s',
  'google.protobuf.Empty': {},
  'google.protobuf.FieldMask': '',
  'google.protobuf.DoubleValue': 0,
  'google.protobuf.FloatValue': 0,
  'google.protobuf.Int64Value': '0',
  'google.protobuf.UInt64Value': '0',
  'google.protobuf.Int32Value': 0,
  'google.protobuf.UInt32Value': 0,
  'google.protobuf.BoolValue': false,
  'google.protobuf.StringValue': '',
  'google.protobuf.BytesValue': '',
};

export function messageTemplate(message: DescMessage): JsonValue {
  return templateOf(message, []);
}

function templateOf(message: DescMessage, filling: readonly DescMessage[]): JsonValue {
  const wellKnown = WELL_KNOWN_TEMPLATES[message.typeName];
  if (wellKnown !== undefined) return wellKnown;
  if (filling.includes(message)) return defaultsOnly(message);
  const inner = [...filling, message];
  const values = new Map<DescField, JsonValue>();
  for (const field of message.fields) {
    const value = templateValue(field, inner);
    if (value === undefined) continue;
    // Setting a oneof member clears the others, as in grpcurl: the last message member stays.
    if (field.oneof !== undefined) for (const sibling of field.oneof.fields) values.delete(sibling);
    values.set(field, value);
  }
  const json: JsonObject = {};
  for (const field of byNumber(message.fields)) {
    const value = values.get(field) ?? (field.oneof === undefined && field.proto.proto3Optional !== true ? unsetValue(field) : undefined);
    if (value !== undefined) json[field.jsonName] = value;
  }
  return json;
}

/** What grpcurl's MakeTemplate sets: lists, maps and message fields; scalars stay unset (printed as defaults). */
function templateValue(field: DescField, filling: readonly DescMessage[]): JsonValue | undefined {
  switch (field.fieldKind) {
    case 'list':
      return [field.listKind === 'message' ? templateOf(field.message, filling) : field.listKind === 'enum' ? enumJson(field.enum, 0) : scalarJson(field.scalar, undefined)];
    case 'map': {
      const value = field.mapKind === 'message' ? templateOf(field.message, filling) : field.mapKind === 'enum' ? enumJson(field.enum, undefined) : scalarJson(field.scalar, undefined);
      return { [mapKeyJson(field.mapKey)]: value };
    }
    case 'message':
      return templateOf(field.message, filling);
    default:
      return undefined;
  }
}

/** An unset field as grpcurl's JSON formatter emits it with defaults on. */
function unsetValue(field: DescField): JsonValue {
  switch (field.fieldKind) {
    case 'list':
      return [];
    case 'map':
      return {};
    case 'message':
      return null;
    case 'enum':
      return enumJson(field.enum, field.getDefaultValue());
    default:
      return scalarJson(field.scalar, field.getDefaultValue());
  }
}

function defaultsOnly(message: DescMessage): JsonObject {
  const json: JsonObject = {};
  for (const field of byNumber(message.fields)) {
    if (field.oneof === undefined && field.proto.proto3Optional !== true) json[field.jsonName] = unsetValue(field);
  }
  return json;
}

function byNumber(fields: readonly DescField[]): DescField[] {
  return [...fields].sort((a, b) => a.number - b.number);
}

function enumJson(descEnum: DescEnum, value: unknown): JsonValue {
  const number = typeof value === 'number' ? value : (descEnum.values[0]?.number ?? 0);
  return descEnum.value[number]?.name ?? number;
}

function scalarJson(scalar: ScalarType, value: unknown): JsonValue {
  switch (scalar) {
    case ScalarType.BOOL:
      return typeof value === 'boolean' ? value : false;
    case ScalarType.STRING:
      return typeof value === 'string' ? value : '';
    case ScalarType.BYTES:
      return value instanceof Uint8Array ? base64Encode(value) : '';
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string' ? String(value) : '0';
    default: {
      const number = typeof value === 'number' ? value : 0;
      return Number.isFinite(number) ? number : String(number);
    }
  }
}

function mapKeyJson(scalar: ScalarType): string {
  if (scalar === ScalarType.STRING) return '';
  return scalar === ScalarType.BOOL ? 'false' : '0';
}
