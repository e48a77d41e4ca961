// parseTextFormat: the protobuf text format (protobuf.dev/reference/protobuf/textformat-spec) into a bufbuild
// message: fields by name, [extensions], [type URL] Any expansion, ":" optional before messages, {} or <>,
// "," or ";" after a field, [a, b] lists, # comments. Every error is QurlError('grpc-schema', 'text format: L:C: …').
import { create, toBinary, type DescField, type DescMessage, type Message, type Registry } from '@bufbuild/protobuf';
import { reflect, scalarZeroValue, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import { FeatureSet_FieldPresence } from '@bufbuild/protobuf/wkt';
import { isQurlError } from '../../errors/index.js';
import { findExtension, findField, readBracketName, type BracketName } from './field-names.js';
import { parseEnum, parseScalar } from './parse-scalar.js';
import type { FieldLike } from './present-fields.js';
import { storeExtension, storeField } from './store-values.js';
import { TextLexer, type Token } from './text-lexer.js';
import { shown, shownToken, textError, type TextPosition } from './text-error.js';

/** Deeper nesting is refused rather than risking the stack (bufbuild's binary reader stops at 100 too). */
const MAX_DEPTH = 100;

interface Parser {
  readonly lexer: TextLexer;
  readonly registry: Registry;
}

type Closer = '}' | '>';

/** The message `text` describes; throws QurlError('grpc-schema', 'text format: LINE:COL: …') for any fault. */
export function parseTextFormat(desc: DescMessage, text: string, registry: Registry): Message {
  const parser: Parser = { lexer: new TextLexer(text), registry };
  const r = reflect(desc, create(desc));
  parseBody(parser, r, undefined, 0);
  return r.message;
}

/** Fields up to `closer` (or the end of the input at the top level), then the proto2 required-field check. */
function parseBody(p: Parser, r: ReflectMessage, closer: Closer | undefined, depth: number): void {
  for (;;) {
    const token = p.lexer.peek();
    if (closer === undefined ? token.kind === 'eof' : isPunct(token, closer)) {
      p.lexer.next();
      checkRequired(r, token.at);
      return;
    }
    if (token.kind === 'eof') throw textError(token.at, `the input ended inside a ${r.desc.typeName} message; expected "${closer}"`);
    parseField(p, r, depth, closer);
    const separator = p.lexer.peek();
    if (isPunct(separator, ',') || isPunct(separator, ';')) p.lexer.next();
  }
}

function parseField(p: Parser, r: ReflectMessage, depth: number, closer: Closer | undefined): void {
  const token = p.lexer.next();
  if (isPunct(token, '[')) {
    const name = readBracketName(p.lexer, token);
    if (name.isTypeUrl) return parseExpandedAny(p, r, name, depth);
    const ext = findExtension(p.registry, r.desc, name);
    const values = parseValues(p, ext, `[${name.text}]`, depth);
    return guarded(name.at, () => storeExtension(r.message, ext, values));
  }
  if (token.kind !== 'ident') {
    const hint = token.kind === 'int' ? ' (fields go by name, not number)' : '';
    throw textError(token.at, `expected a field name${closer === undefined ? '' : ` or "${closer}"`}, got ${shownToken(token)}${hint}`);
  }
  const field = findField(r.desc, token.text);
  if (field === undefined) throw textError(token.at, `unknown field "${token.text}" in ${r.desc.typeName}`);
  const values = parseValues(p, field, field.name, depth);
  guarded(token.at, () => storeField(r, field, values));
}

/** `: value`, `: [v, …]`, or for messages `[:] {…}` / `[:] [{…}, …]`: the values in reflect form. */
function parseValues(p: Parser, field: FieldLike, name: string, depth: number): unknown[] {
  const takesMessage = field.fieldKind === 'map' || field.message !== undefined;
  const colon = p.lexer.peek();
  if (isPunct(colon, ':')) p.lexer.next();
  else if (!takesMessage) throw textError(colon.at, `expected ":" after field "${name}", got ${shownToken(colon)}`);
  const open = p.lexer.peek();
  if (!isPunct(open, '[')) return [parseOne(p, field, name, depth)];
  if (field.fieldKind !== 'list' && field.fieldKind !== 'map') throw textError(open.at, `field "${name}" is not repeated, so it takes no [list]`);
  p.lexer.next();
  const values: unknown[] = [];
  if (isPunct(p.lexer.peek(), ']')) {
    p.lexer.next();
    return values;
  }
  for (;;) {
    values.push(parseOne(p, field, name, depth));
    const token = p.lexer.next();
    if (isPunct(token, ']')) return values;
    if (!isPunct(token, ',')) throw textError(token.at, `expected "," or "]" in the list of field "${name}", got ${shownToken(token)}`);
  }
}

function parseOne(p: Parser, field: FieldLike, name: string, depth: number): unknown {
  if (field.fieldKind === 'map') return parseMapEntry(p, field, depth);
  if (field.message !== undefined) return parseMessage(p, field.message, name, depth);
  if (field.enum !== undefined) return parseEnum(p.lexer, field.enum, name);
  return parseScalar(p.lexer, field.scalar, name);
}

/** `{…}` or `<…>` holding a `desc` message. */
function parseMessage(p: Parser, desc: DescMessage, name: string, depth: number): ReflectMessage {
  const closer = openMessage(p, `${desc.typeName} value of field "${name}"`, depth);
  const r = reflect(desc, create(desc));
  parseBody(p, r, closer, depth + 1);
  return r;
}

function openMessage(p: Parser, what: string, depth: number): Closer {
  const open = p.lexer.next();
  if (!isPunct(open, '{') && !isPunct(open, '<')) throw textError(open.at, `expected "{" or "<" to open the ${what}, got ${shownToken(open)}`);
  if (depth + 1 > MAX_DEPTH) throw textError(open.at, `messages nest deeper than ${MAX_DEPTH} levels`);
  return isPunct(open, '{') ? '}' : '>';
}

/** A map entry `{ key: … value: … }`, either part optional (then its zero value); a [key, value] pair. */
function parseMapEntry(p: Parser, field: DescField & { fieldKind: 'map' }, depth: number): [unknown, unknown] {
  const closer = openMessage(p, `entry of map field "${field.name}"`, depth);
  let key: unknown = scalarZeroValue(field.mapKey, false);
  let value: unknown;
  for (;;) {
    const token = p.lexer.next();
    if (isPunct(token, closer)) break;
    if (token.kind !== 'ident' || (token.text !== 'key' && token.text !== 'value')) {
      if (token.kind === 'eof') throw textError(token.at, `the input ended inside an entry of map field "${field.name}"; expected "${closer}"`);
      throw textError(token.at, `expected key, value or "${closer}" in an entry of map field "${field.name}", got ${shownToken(token)}`);
    }
    const isKey = token.text === 'key';
    const colon = p.lexer.peek();
    if (isPunct(colon, ':')) p.lexer.next();
    else if (isKey || field.mapKind !== 'message') throw textError(colon.at, `expected ":" after ${token.text} in map field "${field.name}", got ${shownToken(colon)}`);
    const part = `${field.name}.${token.text}`;
    if (isKey) key = parseScalar(p.lexer, field.mapKey, part);
    else if (field.mapKind === 'message') value = parseMessage(p, field.message, part, depth + 1);
    else if (field.mapKind === 'enum') value = parseEnum(p.lexer, field.enum, part);
    else value = parseScalar(p.lexer, field.scalar, part);
    const separator = p.lexer.peek();
    if (isPunct(separator, ',') || isPunct(separator, ';')) p.lexer.next();
  }
  if (value === undefined) {
    if (field.mapKind === 'message') value = reflect(field.message, create(field.message));
    else if (field.mapKind === 'enum') value = field.enum.open ? 0 : (field.enum.values[0]?.number ?? 0);
    else value = scalarZeroValue(field.scalar, false);
  }
  return [key, value];
}

/** `[type.googleapis.com/pkg.Msg] {…}` inside a google.protobuf.Any: sets type_url and the packed value. */
function parseExpandedAny(p: Parser, r: ReflectMessage, name: BracketName, depth: number): void {
  const urlField = r.desc.fields.find((f) => f.name === 'type_url');
  const valueField = r.desc.fields.find((f) => f.name === 'value');
  if (r.desc.typeName !== 'google.protobuf.Any' || urlField === undefined || valueField === undefined) {
    throw textError(name.at, `[${name.text}] is an Any type URL, but ${r.desc.typeName} is not google.protobuf.Any`);
  }
  const typeName = name.text.slice(name.text.lastIndexOf('/') + 1);
  const desc = p.registry.getMessage(typeName);
  if (desc === undefined) throw textError(name.at, `unknown message type ${typeName} in the Any type URL ${shown(name.text)}`);
  if (r.isSet(urlField) || r.isSet(valueField)) throw textError(name.at, `this Any already holds a message; it takes one [type URL] or type_url and value`);
  if (isPunct(p.lexer.peek(), ':')) p.lexer.next();
  const inner = parseMessage(p, desc, `[${name.text}]`, depth);
  guarded(name.at, () => {
    r.set(urlField, name.text);
    r.set(valueField, toBinary(desc, inner.message));
  });
}

function checkRequired(r: ReflectMessage, at: TextPosition): void {
  const missing = r.desc.fields.find((f) => f.presence === FeatureSet_FieldPresence.LEGACY_REQUIRED && !r.isSet(f));
  if (missing !== undefined) throw textError(at, `required field "${missing.name}" of ${r.desc.typeName} is missing`);
}

/** bufbuild refusing a value we checked is a bug here, but it still reaches the user as a text-format error. */
function guarded(at: TextPosition, store: () => void): void {
  try {
    store();
  } catch (err) {
    if (isQurlError(err)) throw err;
    throw textError(at, `cannot store the value: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function isPunct(token: Token, punct: string): boolean {
  return token.kind === 'punct' && token.punct === punct;
}
