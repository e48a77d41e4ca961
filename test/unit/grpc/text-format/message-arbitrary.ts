// fast-check arbitraries for whole bufbuild messages of any schema, built field by field through reflection:
// every scalar range, enums, nested messages (depth-limited), lists, maps, oneofs, proto2 required fields and
// the registry's extensions; Any packs a real message. Used by the round-trip and fuzz tests.
import { create, ScalarType, setExtension, toBinary, type DescExtension, type DescField, type DescMessage, type Message, type Registry } from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import { FeatureSet_FieldPresence } from '@bufbuild/protobuf/wkt';
import fc from 'fast-check';

const INT32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const UINT32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const INT64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const UINT64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
/** Text a printer must escape, mixed with any Unicode. */
const STRING = fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('', '"', "'", '\\', '\n\t\r', '\u0000\u007f', 'é😀', '#', '\u001e'));

export function scalarArbitrary(scalar: ScalarType): fc.Arbitrary<unknown> {
  switch (scalar) {
    case ScalarType.DOUBLE:
      return fc.double({ noNaN: true });
    case ScalarType.FLOAT:
      return fc.float({ noNaN: true });
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return INT32;
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return UINT32;
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return INT64;
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return UINT64;
    case ScalarType.BOOL:
      return fc.boolean();
    case ScalarType.STRING:
      return STRING;
    case ScalarType.BYTES:
      return fc.uint8Array({ maxLength: 8 });
  }
}

type Part = DescField | DescExtension;

/** One value of a singular field, a list element, or an extension, in reflect form. */
function elementArbitrary(part: Part, registry: Registry, depth: number): fc.Arbitrary<unknown> | undefined {
  if (part.fieldKind === 'map') return undefined;
  if (part.message !== undefined) return depth <= 0 ? undefined : messageArbitrary(part.message, registry, depth - 1).map((m) => reflect(part.message!, m));
  if (part.enum !== undefined) {
    const known = fc.constantFrom(...part.enum.values.map((v) => v.number));
    return part.enum.open ? fc.oneof(known, INT32) : known;
  }
  return scalarArbitrary(part.scalar);
}

/** What to store: a single value, a list's elements, or a map's entries. */
function fieldArbitrary(field: DescField, registry: Registry, depth: number): fc.Arbitrary<unknown> | undefined {
  if (field.fieldKind === 'map') {
    const value =
      field.mapKind === 'message'
        ? depth <= 0 ? undefined : messageArbitrary(field.message, registry, depth - 1).map((m) => reflect(field.message, m))
        : field.mapKind === 'enum'
          ? fc.constantFrom(...field.enum.values.map((v) => v.number))
          : scalarArbitrary(field.scalar);
    return value === undefined ? undefined : fc.array(fc.tuple(scalarArbitrary(field.mapKey), value), { maxLength: 3 });
  }
  const element = elementArbitrary(field, registry, depth);
  if (element === undefined) return undefined;
  return field.fieldKind === 'list' ? fc.array(element, { minLength: 1, maxLength: 3 }) : element;
}

function store(r: ReflectMessage, field: DescField, value: unknown): void {
  if (field.fieldKind === 'map') {
    const map = r.get(field);
    for (const [k, v] of value as [unknown, unknown][]) map.set(k, v);
  } else if (field.fieldKind === 'list') {
    const list = r.get(field);
    for (const v of value as unknown[]) list.add(v);
  } else r.set(field, value);
}

/** Messages of `desc` with fields nested at most `depth` messages deep. */
export function messageArbitrary(desc: DescMessage, registry: Registry, depth = 3): fc.Arbitrary<Message> {
  if (desc.typeName === 'google.protobuf.Any') return anyArbitrary(desc, registry, depth);
  const parts: fc.Arbitrary<[DescField, unknown] | undefined>[] = [];
  for (const member of desc.members) {
    const choices = (member.kind === 'oneof' ? member.fields : [member]).flatMap((field) => {
      const arb = fieldArbitrary(field, registry, depth);
      return arb === undefined ? [] : [arb.map((v): [DescField, unknown] => [field, v])];
    });
    if (choices.length === 0) continue;
    const required = member.kind === 'field' && member.presence === FeatureSet_FieldPresence.LEGACY_REQUIRED;
    parts.push(required ? fc.oneof(...choices) : fc.option(fc.oneof(...choices), { nil: undefined }));
  }
  const extensions = [...registry].filter((t): t is DescExtension => t.kind === 'extension' && t.extendee.typeName === desc.typeName);
  const extParts = extensions.flatMap((ext) => {
    const element = elementArbitrary(ext, registry, depth);
    if (element === undefined) return [];
    const value = ext.fieldKind === 'list' ? fc.array(element, { minLength: 1, maxLength: 3 }) : element;
    return [fc.option(value.map((v): [DescExtension, unknown] => [ext, v]), { nil: undefined })];
  });
  return fc.tuple(fc.tuple(...parts), fc.tuple(...extParts)).map(([fields, exts]) => {
    const r = reflect(desc, create(desc));
    for (const part of fields) if (part !== undefined) store(r, part[0], part[1]);
    for (const part of exts) if (part !== undefined) setExtension(r.message, part[0], shaped(part[1]));
    return r.message;
  });
}

/** An extension value in bufbuild's shape: plain messages rather than ReflectMessages. */
function shaped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shaped);
  return typeof value === 'object' && value !== null && 'message' in value && 'desc' in value ? (value as ReflectMessage).message : value;
}

/** An Any packing a real message of a type the registry knows, or raw bytes under an unknown type URL. */
function anyArbitrary(desc: DescMessage, registry: Registry, depth: number): fc.Arbitrary<Message> {
  const packable = [...registry].filter((t): t is DescMessage => t.kind === 'message' && (t.typeName === 'qurl.text.Inner' || t.typeName === 'google.protobuf.Duration'));
  const packed = fc.constantFrom(...packable).chain((inner) =>
    messageArbitrary(inner, registry, Math.max(depth - 1, 0)).map((m) => ({ typeUrl: `type.googleapis.com/${inner.typeName}`, value: toBinary(inner, m) })),
  );
  const raw = fc.record({ typeUrl: fc.constantFrom('', 'example.com/x.Y'), value: fc.uint8Array({ maxLength: 6 }) });
  return fc.oneof(packed, raw).map((init) => create(desc, init));
}
