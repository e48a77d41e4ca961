// One scalar or enum value from text-format tokens, checked against the field's type: integers in range (any base,
// with a sign where signed), floats (decimal, inf, infinity, nan), bools (true/True/t, false/False/f, 1/0),
// strings (adjacent literals joined; valid UTF-8 for string fields) and enum names or numbers.
// Values come back in bufbuild's reflect form: number, bigint for 64-bit, boolean, string, Uint8Array.
import { ScalarType, type DescEnum } from '@bufbuild/protobuf';
import type { TextLexer, Token } from './text-lexer.js';
import { concatBytes } from '../../codec/index.js';
import { shownToken, textError } from './text-error.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The integer range of each integral type, and whether it is 64-bit (a bigint in reflect form). */
const INTEGERS: Partial<Record<ScalarType, { readonly min: bigint; readonly max: bigint; readonly long: boolean }>> = {
  [ScalarType.INT32]: { min: -(2n ** 31n), max: 2n ** 31n - 1n, long: false },
  [ScalarType.SINT32]: { min: -(2n ** 31n), max: 2n ** 31n - 1n, long: false },
  [ScalarType.SFIXED32]: { min: -(2n ** 31n), max: 2n ** 31n - 1n, long: false },
  [ScalarType.UINT32]: { min: 0n, max: 2n ** 32n - 1n, long: false },
  [ScalarType.FIXED32]: { min: 0n, max: 2n ** 32n - 1n, long: false },
  [ScalarType.INT64]: { min: -(2n ** 63n), max: 2n ** 63n - 1n, long: true },
  [ScalarType.SINT64]: { min: -(2n ** 63n), max: 2n ** 63n - 1n, long: true },
  [ScalarType.SFIXED64]: { min: -(2n ** 63n), max: 2n ** 63n - 1n, long: true },
  [ScalarType.UINT64]: { min: 0n, max: 2n ** 64n - 1n, long: true },
  [ScalarType.FIXED64]: { min: 0n, max: 2n ** 64n - 1n, long: true },
};

const TYPE_NAMES: Readonly<Record<ScalarType, string>> = {
  [ScalarType.DOUBLE]: 'double', [ScalarType.FLOAT]: 'float', [ScalarType.INT64]: 'int64', [ScalarType.UINT64]: 'uint64',
  [ScalarType.INT32]: 'int32', [ScalarType.FIXED64]: 'fixed64', [ScalarType.FIXED32]: 'fixed32', [ScalarType.BOOL]: 'bool',
  [ScalarType.STRING]: 'string', [ScalarType.BYTES]: 'bytes', [ScalarType.UINT32]: 'uint32', [ScalarType.SFIXED32]: 'sfixed32',
  [ScalarType.SFIXED64]: 'sfixed64', [ScalarType.SINT32]: 'sint32', [ScalarType.SINT64]: 'sint64',
};

const TRUE = new Set(['true', 'True', 't']);
const FALSE = new Set(['false', 'False', 'f']);
const FLOAT_WORDS: ReadonlyMap<string, number> = new Map([['inf', Infinity], ['infinity', Infinity], ['nan', NaN]]);

/** A scalar of `scalar` type for the field called `name` (named in errors). */
export function parseScalar(lexer: TextLexer, scalar: ScalarType, name: string): unknown {
  const sign = takeMinus(lexer);
  const token = lexer.next();
  const typeName = TYPE_NAMES[scalar];
  const expected = `${typeName.startsWith('i') ? 'an' : 'a'} ${typeName} value for field "${name}"`;
  const wrong = (): never => {
    throw textError(token.at, `expected ${expected}, got ${shownToken(token, sign)}`);
  };
  const range = INTEGERS[scalar];
  if (range !== undefined) {
    if (token.kind !== 'int') return wrong();
    if (sign !== undefined && range.min === 0n) throw textError(sign.at, `field "${name}" is ${TYPE_NAMES[scalar]}, so it takes no "-"`);
    const value = sign === undefined ? token.value : -token.value;
    if (value < range.min || value > range.max) throw textError(token.at, `${sign === undefined ? '' : '-'}${token.text} is out of range for ${TYPE_NAMES[scalar]} field "${name}"`);
    return range.long ? value : Number(value);
  }
  switch (scalar) {
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT: {
      const magnitude = floatOf(token) ?? wrong();
      const value = sign === undefined ? magnitude : -magnitude;
      return scalar === ScalarType.FLOAT ? Math.fround(value) : value;
    }
    case ScalarType.BOOL:
      if (sign !== undefined) return wrong();
      if (token.kind === 'ident' && TRUE.has(token.text)) return true;
      if (token.kind === 'ident' && FALSE.has(token.text)) return false;
      if (token.kind === 'int' && (token.value === 0n || token.value === 1n)) return token.value === 1n;
      return wrong();
    case ScalarType.STRING:
    case ScalarType.BYTES: {
      if (sign !== undefined || token.kind !== 'string') return wrong();
      const bytes = joinStrings(lexer, token.bytes);
      if (scalar === ScalarType.BYTES) return bytes;
      try {
        return UTF8.decode(bytes);
      } catch {
        throw textError(token.at, `string field "${name}" takes valid UTF-8; use a bytes field for other bytes`);
      }
    }
    default:
      return wrong();
  }
}

/** An enum value by name or number (any int32 for an open enum, a declared one for a closed enum). */
export function parseEnum(lexer: TextLexer, desc: DescEnum, name: string): number {
  const sign = takeMinus(lexer);
  const token = lexer.next();
  if (token.kind === 'ident' && sign === undefined) {
    const value = desc.values.find((v) => v.name === token.text);
    if (value === undefined) throw textError(token.at, `${token.text} is not a value of enum ${desc.typeName} (field "${name}")`);
    return value.number;
  }
  if (token.kind === 'int') {
    const value = sign === undefined ? token.value : -token.value;
    if (value < -(2n ** 31n) || value > 2n ** 31n - 1n) throw textError(token.at, `${value} is out of range for enum field "${name}"`);
    // A closed (proto2) enum holds only its declared values; an open one keeps any number.
    if (!desc.open && !desc.values.some((v) => BigInt(v.number) === value)) throw textError(token.at, `${value} is not a value of closed enum ${desc.typeName} (field "${name}")`);
    return Number(value);
  }
  throw textError(token.at, `expected a value of enum ${desc.typeName} for field "${name}", got ${shownToken(token, sign)}`);
}

function takeMinus(lexer: TextLexer): Token | undefined {
  const token = lexer.peek();
  if (token.kind !== 'punct' || token.punct !== '-') return undefined;
  return lexer.next();
}

/** A float from a decimal integer, a float literal, or inf/infinity/nan in any case; undefined for anything else. */
function floatOf(token: Token): number | undefined {
  if (token.kind === 'float') return token.value;
  if (token.kind === 'int' && token.base === 10) return Number(token.value);
  if (token.kind === 'ident') return FLOAT_WORDS.get(token.text.toLowerCase());
  return undefined;
}

/** Adjacent string literals are one value ("a" 'b' is "ab"). */
function joinStrings(lexer: TextLexer, first: Uint8Array): Uint8Array {
  const parts = [first];
  for (let next = lexer.peek(); next.kind === 'string'; next = lexer.peek()) parts.push((lexer.next() as Token & { bytes: Uint8Array }).bytes);
  return parts.length === 1 ? first : concatBytes(parts);
}
