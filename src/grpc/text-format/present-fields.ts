// What a message holds, ready to print: its set fields (map entries sorted), the extensions the registry knows
// (bufbuild keeps them among the unknown fields) and the truly unknown fields. Used by both printers.
import { getExtension, ScalarType, type DescEnum, type DescExtension, type DescField, type DescMessage, type Message, type Registry, type UnknownField } from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';

/** How one value prints: under which name (field name, group type name or [extension]) and as which kind. */
export type ValueShape = { readonly name: string; readonly isGroup: boolean } & (
  | { readonly kind: 'scalar'; readonly scalar: ScalarType }
  | { readonly kind: 'enum'; readonly enum: DescEnum }
  | { readonly kind: 'message'; readonly message: DescMessage }
);

/** A set field or extension: its values in reflect form (bigint for 64-bit, enum numbers, ReflectMessage). */
export type Present =
  | { readonly type: 'values'; readonly number: number; readonly shape: ValueShape; readonly values: readonly unknown[] }
  | {
      readonly type: 'map';
      readonly number: number;
      readonly name: string;
      readonly key: ValueShape;
      readonly value: ValueShape;
      readonly entries: readonly (readonly [unknown, unknown])[];
    };

export type FieldLike = DescField | DescExtension;

/** The shape of a field's (or a list's, or an extension's) single values. */
export function shapeOf(field: FieldLike): ValueShape {
  const isGroup = field.fieldKind !== 'map' && field.message !== undefined && field.delimitedEncoding;
  const name = printedName(field, isGroup);
  if (field.message !== undefined && field.fieldKind !== 'map') return { name, isGroup, kind: 'message', message: field.message };
  if (field.enum !== undefined && field.fieldKind !== 'map') return { name, isGroup, kind: 'enum', enum: field.enum };
  const scalar = field.fieldKind === 'map' ? field.mapKey : field.scalar;
  return { name, isGroup, kind: 'scalar', scalar: scalar ?? ScalarType.BYTES };
}

/** A group prints under its type name; an extension as [full.name] (a group extension as [its type's full name]). */
function printedName(field: FieldLike, isGroup: boolean): string {
  if (field.kind === 'extension') return `[${isGroup && field.message !== undefined ? field.message.typeName : field.typeName}]`;
  return isGroup && field.message !== undefined ? field.message.name : field.name;
}

/** The set field as printable values; undefined when it is not set. */
export function presentField(r: ReflectMessage, field: DescField, trueKeysFirst: boolean): Present | undefined {
  if (!r.isSet(field)) return undefined;
  if (field.fieldKind === 'map') {
    const key: ValueShape = { name: 'key', isGroup: false, kind: 'scalar', scalar: field.mapKey };
    const value: ValueShape =
      field.mapKind === 'message'
        ? { name: 'value', isGroup: false, kind: 'message', message: field.message }
        : field.mapKind === 'enum'
          ? { name: 'value', isGroup: false, kind: 'enum', enum: field.enum }
          : { name: 'value', isGroup: false, kind: 'scalar', scalar: field.scalar };
    const entries = [...r.get(field).entries()].sort(([a], [b]) => compareKeys(a, b, trueKeysFirst));
    return { type: 'map', number: field.number, name: field.name, key, value, entries };
  }
  const values = field.fieldKind === 'list' ? [...r.get(field)] : [r.get(field)];
  return { type: 'values', number: field.number, shape: shapeOf(field), values };
}

/**
 * The extensions among the unknown fields that the registry knows, and the rest: truly unknown. An extension whose
 * bytes do not decode as its type stays unknown.
 */
export function splitUnknown(r: ReflectMessage, registry: Registry): { extensions: Present[]; unknown: UnknownField[] } {
  const extensions: Present[] = [];
  const unknown: UnknownField[] = [];
  const seen = new Map<number, DescExtension | undefined>();
  for (const field of r.getUnknown() ?? []) {
    if (!seen.has(field.no)) {
      const ext = registry.getExtensionFor(r.desc, field.no);
      const values = ext === undefined ? undefined : extensionValues(r.message, ext);
      seen.set(field.no, values === undefined ? undefined : ext);
      if (ext !== undefined && values !== undefined) extensions.push({ type: 'values', number: ext.number, shape: shapeOf(ext), values });
    }
    if (seen.get(field.no) === undefined) unknown.push(field);
  }
  return { extensions, unknown };
}

function extensionValues(message: Message, ext: DescExtension): unknown[] | undefined {
  let value: unknown;
  try {
    value = getExtension(message, ext);
  } catch {
    return undefined;
  }
  const items = ext.fieldKind === 'list' ? (value as unknown[]) : [value];
  return items.map((item) => {
    if (ext.message !== undefined) return reflect(ext.message, item as Message);
    return typeof item === 'string' && isLong(ext.scalar) ? BigInt(item) : item;
  });
}

function isLong(scalar: ScalarType | undefined): boolean {
  return scalar === ScalarType.INT64 || scalar === ScalarType.UINT64 || scalar === ScalarType.SINT64 || scalar === ScalarType.FIXED64 || scalar === ScalarType.SFIXED64;
}

/** Map keys in order: numbers by value, strings by code point (Go's byte order), bools either way round. */
function compareKeys(a: unknown, b: unknown, trueKeysFirst: boolean): number {
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a === trueKeysFirst ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return a < b ? -1 : a > b ? 1 : 0;
  return 0;
}

function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * Closed (proto2) enums: bufbuild keeps a number the enum lacks as an unknown field, while grpcurl's dynamic
 * messages keep it as the field's value. This folds such numbers back into their fields: a singular field shows
 * the last one, a repeated field lists them after its known values. The other unknown fields are returned as is.
 */
export function foldClosedEnums(r: ReflectMessage, known: readonly Present[], unknown: readonly UnknownField[]): { known: Present[]; unknown: UnknownField[] } {
  const extra = new Map<number, number[]>();
  const rest: UnknownField[] = [];
  for (const field of unknown) {
    const target = r.findNumber(field.no);
    const numbers = target !== undefined && isEnumField(target) ? enumNumbers(field) : undefined;
    if (numbers === undefined) rest.push(field);
    else extra.set(field.no, [...(extra.get(field.no) ?? []), ...numbers]);
  }
  if (extra.size === 0) return { known: [...known], unknown: rest };
  const folded = known.filter((p) => !extra.has(p.number));
  for (const [number, numbers] of extra) {
    const field = r.findNumber(number)!;
    const before = known.find((p) => p.number === number);
    const values = field.fieldKind === 'list' ? [...(before?.type === 'values' ? before.values : []), ...numbers] : numbers.slice(-1);
    folded.push({ type: 'values', number, shape: shapeOf(field), values });
  }
  return { known: folded, unknown: rest };
}

function isEnumField(field: DescField): boolean {
  return field.fieldKind === 'enum' || (field.fieldKind === 'list' && field.listKind === 'enum');
}

/** A varint (or a packed run of them) as int32 enum numbers; undefined for other wire types or bad bytes. */
function enumNumbers(field: UnknownField): number[] | undefined {
  try {
    const reader = new BinaryReader(field.data);
    if (field.wireType === WireType.Varint) return [reader.int32()];
    if (field.wireType !== WireType.LengthDelimited) return undefined;
    const packed = new BinaryReader(reader.bytes());
    const numbers: number[] = [];
    while (packed.pos < packed.len) numbers.push(packed.int32());
    return numbers;
  } catch {
    return undefined;
  }
}
