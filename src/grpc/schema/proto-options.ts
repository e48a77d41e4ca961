// Descriptor options as protoprint prints them (`deprecated = true`, `packed = false`), sorted by name, and the
// text-format quoting it uses; used by print-message.ts and print-service.ts. Custom options are not printed.
import { ScalarType, type DescField, type DescMessage, type Message } from '@bufbuild/protobuf';
import { reflect } from '@bufbuild/protobuf/reflect';

export interface PrintedOption {
  readonly name: string;
  readonly value: string;
}

/** The set standard options of `options` (a MessageOptions, FieldOptions, … of `schema`). */
export function optionsOf(schema: DescMessage, options: Message | undefined): PrintedOption[] {
  if (options === undefined) return [];
  const message = reflect(schema, options);
  const printed: PrintedOption[] = [];
  for (const field of schema.fields) {
    if (!message.isSet(field)) continue;
    const value: unknown = message.get(field);
    const values = field.fieldKind === 'list' && isIterable(value) ? [...value] : [value];
    for (const one of values) {
      const text = optionValueText(field, one);
      if (text !== undefined) printed.push({ name: field.name, value: text });
    }
  }
  return sortOptions(printed);
}

export function sortOptions(options: readonly PrintedOption[]): PrintedOption[] {
  return [...options].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.iterator in value;
}

function optionValueText(field: DescField, value: unknown): string | undefined {
  const enumType = field.fieldKind === 'enum' || (field.fieldKind === 'list' && field.listKind === 'enum') ? field.enum : undefined;
  if (enumType !== undefined) return typeof value === 'number' ? enumType.value[value]?.name : undefined;
  const scalar = field.fieldKind === 'scalar' || (field.fieldKind === 'list' && field.listKind === 'scalar') ? field.scalar : undefined;
  if (scalar === undefined) return undefined;
  return scalarText(scalar, value);
}

function scalarText(scalar: ScalarType, value: unknown): string | undefined {
  switch (scalar) {
    case ScalarType.STRING:
      return typeof value === 'string' ? quotedString(value) : undefined;
    case ScalarType.BYTES:
      return value instanceof Uint8Array ? quotedBytes(value) : undefined;
    case ScalarType.FLOAT:
    case ScalarType.DOUBLE:
      return typeof value === 'number' ? goFloat(value) : undefined;
    default:
      return typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ? String(value) : undefined;
  }
}

/** Go's `%f`, which protoprint uses for float options and defaults. */
export function goFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return value.toFixed(6);
}

/** protoprint's string literal: C escapes for \n \r \t " \, \u/\U escapes for unprintable code points. */
export function quotedString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(char)) out += char;
    else if (code > 0xffff) out += `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
    else if (code > 0x7f) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += `\\${code.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}

function quotedBytes(bytes: Uint8Array): string {
  let out = '"';
  for (const byte of bytes) {
    if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x09) out += '\\t';
    else if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}
