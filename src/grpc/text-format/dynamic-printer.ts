// grpcurl's -format text output for a response: jhump/protoreflect's dynamic.Message.MarshalTextIndent (dynamic/
// text.go, indent.go). Fields and extensions by number, then unknown fields; `name: value` lines, nested messages
// as `name: <` … `>`, groups as `Type{` … `}`, well-known types nested in golang/protobuf's compact text.
import type { Registry } from '@bufbuild/protobuf';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import { formatEnum, formatScalar } from './format-scalar.js';
import { printGolangText } from './golang-printer.js';
import { foldClosedEnums, presentField, splitUnknown, type Present, type ValueShape } from './present-fields.js';
import { quoteBytes } from './quote-bytes.js';
import { decodeUnknown, type UnknownEntry } from './unknown-fields.js';
import { WELL_KNOWN_TYPES } from './well-known-types.js';

const INDENT = '  ';

/** indentBuffer: start() opens a level and a line, end() closes both, next() starts a line at the current level. */
class IndentBuffer {
  private out = '';
  private depth = 0;

  text(): string {
    return this.out;
  }

  write(s: string): void {
    this.out += s;
  }

  start(): void {
    this.depth++;
    this.newLine();
  }

  end(): void {
    this.depth--;
    this.newLine();
  }

  next(): void {
    this.newLine();
  }

  private newLine(): void {
    this.out += `\n${INDENT.repeat(this.depth)}`;
  }
}

export function printDynamicText(r: ReflectMessage, registry: Registry): string {
  const b = new IndentBuffer();
  writeMessage(b, r, registry);
  return b.text();
}

function writeMessage(b: IndentBuffer, r: ReflectMessage, registry: Registry): void {
  const split = splitUnknown(r, registry);
  const fields: Present[] = [];
  for (const field of r.sortedFields) {
    const present = presentField(r, field, true);
    if (present !== undefined) fields.push(present);
  }
  const { known, unknown } = foldClosedEnums(r, [...fields, ...split.extensions], split.unknown);
  known.sort((x, y) => x.number - y.number);
  let first = true;
  const maybeNext = (): void => {
    if (first) first = false;
    else b.next();
  };
  for (const present of known) {
    if (present.type === 'map') {
      for (const [key, value] of present.entries) {
        maybeNext();
        b.write(`${present.name}: <`);
        b.start();
        writeValue(b, present.key, key, registry);
        b.next();
        writeValue(b, present.value, value, registry);
        b.end();
        b.write('>');
      }
      continue;
    }
    for (const value of present.values) {
      maybeNext();
      writeValue(b, present.shape, value, registry);
    }
  }
  const entries = [...unknown].sort((x, y) => x.no - y.no).map(decodeUnknown);
  for (const entry of entries) {
    if (entry === undefined) continue;
    maybeNext();
    writeUnknown(b, entry);
  }
}

function writeValue(b: IndentBuffer, shape: ValueShape, value: unknown, registry: Registry): void {
  b.write(shape.isGroup ? shape.name : `${shape.name}: `);
  switch (shape.kind) {
    case 'scalar':
      b.write(formatScalar(shape.scalar, value));
      return;
    case 'enum':
      b.write(formatEnum(shape.enum, value));
      return;
    case 'message': {
      const message = value as ReflectMessage;
      b.write(shape.isGroup ? '{' : '<');
      b.start();
      // Well-known types are generated Go messages inside a dynamic one: dynamic/text.go hands them to proto.CompactText.
      if (WELL_KNOWN_TYPES.has(message.desc.typeName)) b.write(printGolangText(message, { compact: true, expandAny: false, registry }));
      else writeMessage(b, message, registry);
      b.end();
      b.write(shape.isGroup ? '}' : '>');
    }
  }
}

/** `N: value` (varints and fixed numbers unsigned, length-delimited as a string), groups as `N{` … `}`. */
function writeUnknown(b: IndentBuffer, entry: UnknownEntry): void {
  b.write(String(entry.number));
  if (entry.value.kind !== 'group') {
    b.write(': ');
    b.write(entry.value.kind === 'number' ? entry.value.text : quoteBytes(entry.value.bytes));
    return;
  }
  b.write('{');
  b.start();
  entry.value.fields.forEach((nested, i) => {
    if (i > 0) b.next();
    writeUnknown(b, nested);
  });
  b.end();
  b.write('}');
}

