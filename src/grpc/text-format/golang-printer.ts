// golang/protobuf's text output (proto/text_encode.go), which grpcurl shows for well-known types: compact
// (proto.CompactText) when one is nested in a response, indented with Any expanded (proto.TextMarshaler{ExpandAny})
// when the response itself is one. Fields come in declaration order, nested messages as `name: <…>`.
import { fromBinary, ScalarType, type DescField, type Registry, type UnknownField } from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import { GoTextWriter } from './golang-text-writer.js';
import { formatEnum, formatScalar } from './format-scalar.js';
import { presentField, type ValueShape } from './present-fields.js';
import { goQuote, quoteString } from './quote-bytes.js';
import { decodeUnknown, unknownSize, type UnknownEntry } from './unknown-fields.js';
import { isLinkedIntoGrpcurl } from './well-known-types.js';

export interface GolangTextOptions {
  readonly compact: boolean;
  readonly expandAny: boolean;
  readonly registry: Registry;
}

export function printGolangText(r: ReflectMessage, options: GolangTextOptions): string {
  const w = new GoTextWriter(options.compact);
  writeMessage(w, r, options);
  return w.text();
}

function writeMessage(w: GoTextWriter, r: ReflectMessage, options: GolangTextOptions): void {
  if (options.expandAny && r.desc.typeName === 'google.protobuf.Any' && writeExpandedAny(w, r, options)) return;
  for (const member of r.desc.members) {
    const field: DescField | undefined = member.kind === 'oneof' ? r.oneofCase(member) : member;
    const present = field === undefined ? undefined : presentField(r, field, false);
    if (present === undefined) continue;
    if (present.type === 'map') {
      for (const [key, value] of present.entries) {
        w.writeName(present.name, false);
        w.writeByte('<');
        if (!w.compact) w.writeByte('\n');
        w.indent++;
        w.writeName('key', false);
        writeValue(w, present.key, key, options);
        w.writeByte('\n');
        w.writeName('value', false);
        writeValue(w, present.value, value, options);
        w.writeByte('\n');
        w.indent--;
        w.writeByte('>');
        w.writeByte('\n');
      }
      continue;
    }
    for (const value of present.values) {
      w.writeName(present.shape.name, present.shape.isGroup);
      writeValue(w, present.shape, value, options);
      w.writeByte('\n');
    }
  }
  writeUnknown(w, r.getUnknown() ?? []);
}

function writeValue(w: GoTextWriter, shape: ValueShape, value: unknown, options: GolangTextOptions): void {
  switch (shape.kind) {
    case 'scalar': {
      const text = formatScalar(shape.scalar, value);
      if (shape.scalar === ScalarType.STRING || shape.scalar === ScalarType.BYTES) writeQuoted(w, text);
      else w.write(text);
      return;
    }
    case 'enum':
      w.write(formatEnum(shape.enum, value));
      return;
    case 'message':
      w.writeByte(shape.isGroup ? '{' : '<');
      if (!w.compact) w.writeByte('\n');
      w.indent++;
      writeMessage(w, value as ReflectMessage, options);
      w.indent--;
      w.writeByte(shape.isGroup ? '}' : '>');
  }
}

/** writeQuotedString: the quotes go through WriteByte (so a line start is indented), the body straight in. */
function writeQuoted(w: GoTextWriter, quoted: string): void {
  w.writeByte('"');
  w.append(quoted.slice(1, -1));
  w.writeByte('"');
}

/** writeProto3Any: `[type_url]: <…>` when the packed type is one golang/protobuf can resolve; false otherwise. */
function writeExpandedAny(w: GoTextWriter, r: ReflectMessage, options: GolangTextOptions): boolean {
  const urlField = r.desc.fields.find((f) => f.name === 'type_url');
  const valueField = r.desc.fields.find((f) => f.name === 'value');
  if (urlField === undefined || valueField === undefined) return false;
  const url = String(r.get(urlField));
  const typeName = url.slice(url.lastIndexOf('/') + 1);
  const desc = isLinkedIntoGrpcurl(typeName) ? options.registry.getMessage(typeName) : undefined;
  if (desc === undefined) return false;
  let inner: ReflectMessage;
  try {
    inner = reflect(desc, fromBinary(desc, r.get(valueField) as Uint8Array));
  } catch {
    return false;
  }
  w.write('[');
  if (/[^0-9A-Za-z./_]/.test(url)) writeQuoted(w, quoteString(url));
  else w.write(url);
  if (w.compact) w.write(']:<');
  else {
    w.write(']: <\n');
    w.indent++;
  }
  writeMessage(w, inner, options);
  if (w.compact) w.write('> ');
  else {
    w.indent--;
    w.write('>\n');
  }
  return true;
}

/** writeUnknownFields: a byte count comment (not when compact), then `N: value` lines, groups as `N {…}`. */
function writeUnknown(w: GoTextWriter, fields: readonly UnknownField[]): void {
  if (fields.length === 0) return;
  if (!w.compact) w.write(`/* ${fields.reduce((n, f) => n + unknownSize(f), 0)} unknown bytes */\n`);
  for (const field of fields) {
    const entry = decodeUnknown(field);
    if (entry !== undefined) writeUnknownEntry(w, entry);
  }
}

function writeUnknownEntry(w: GoTextWriter, entry: UnknownEntry): void {
  w.write(String(entry.number));
  if (entry.value.kind !== 'group') w.writeByte(':');
  if (!w.compact || entry.value.kind === 'group') w.writeByte(' ');
  switch (entry.value.kind) {
    case 'number':
      w.write(entry.value.text);
      break;
    case 'bytes':
      w.write(goQuote(entry.value.bytes));
      break;
    case 'group':
      w.writeByte('{');
      w.indent++;
      w.writeByte('\n');
      for (const nested of entry.value.fields) writeUnknownEntry(w, nested);
      w.indent--;
      w.write('}\n');
      return;
  }
  w.writeByte('\n');
}
