// parseTextFormat refuses bad input with one clear line: QurlError('grpc-schema', 'text format: LINE:COL: …'),
// naming the field, the type or the token at fault.
import { beforeAll, describe, expect, it } from 'vitest';
import { QurlError } from '../../../../src/errors/index.js';
import { parseTextFormat } from '../../../../src/grpc/text-format/index.js';
import { loadTextSchemas, type TextSchemas } from './text-schemas.js';

let s: TextSchemas;
beforeAll(async () => {
  s = await loadTextSchemas();
});

function errorOf(typeName: string, text: string): QurlError {
  try {
    parseTextFormat(s.message(typeName), text, s.registry);
  } catch (err) {
    if (err instanceof QurlError) return err;
    throw err;
  }
  throw new Error(`parsed without an error: ${text}`);
}

describe('parseTextFormat errors', () => {
  it.each([
    // Names
    ['qurl.text.Scalars', 'nope: 1', '1:1: unknown field "nope" in qurl.text.Scalars'],
    ['qurl.text.Rich', 'inner {\n  name: "a"\n  nmae: "b"\n}', '3:3: unknown field "nmae" in qurl.text.Inner'],
    ['qurl.text.Scalars', '1: 5', '1:1: expected a field name, got "1" (fields go by name, not number)'],
    ['qurl.text.Rich', 'inner { name: "a" >', '1:19: expected a field name or "}", got ">"'],
    ['qurl.text.Rich', 'counts { k: 1 }', '1:10: expected key, value or "}" in an entry of map field "counts", got "k"'],
    // Structure
    ['qurl.text.Scalars', 'f_int32 5', '1:9: expected ":" after field "f_int32", got "5"'],
    ['qurl.text.Scalars', 'f_int32: [1]', '1:10: field "f_int32" is not repeated, so it takes no [list]'],
    ['qurl.text.Rich', 'ints: [1 2]', '1:10: expected "," or "]" in the list of field "ints", got "2"'],
    ['qurl.text.Rich', 'inner: "x"', '1:8: expected "{" or "<" to open the qurl.text.Inner value of field "inner", got "\\"x\\""'],
    ['qurl.text.Rich', 'inner { name: "a"', '1:18: the input ended inside a qurl.text.Inner message; expected "}"'],
    ['qurl.text.Scalars', 'f_int32:', '1:9: expected an int32 value for field "f_int32", got the end of the input'],
    // Values
    ['qurl.text.Scalars', 'f_int32: 2147483648', '1:10: 2147483648 is out of range for int32 field "f_int32"'],
    ['qurl.text.Scalars', 'f_int64: -0x8000000000000001', '1:11: -0x8000000000000001 is out of range for int64 field "f_int64"'],
    ['qurl.text.Scalars', 'f_uint32: -1', '1:11: field "f_uint32" is uint32, so it takes no "-"'],
    ['qurl.text.Scalars', 'f_int32: 1.5', '1:10: expected an int32 value for field "f_int32", got "1.5"'],
    ['qurl.text.Scalars', 'f_int32: "7"', '1:10: expected an int32 value for field "f_int32", got "\\"7\\""'],
    ['qurl.text.Scalars', 'f_double: 0x10', '1:11: expected a double value for field "f_double", got "0x10"'],
    ['qurl.text.Scalars', 'f_bool: yes', '1:9: expected a bool value for field "f_bool", got "yes"'],
    ['qurl.text.Scalars', 'f_bool: 2', '1:9: expected a bool value for field "f_bool", got "2"'],
    ['qurl.text.Scalars', 'f_string: 5', '1:11: expected a string value for field "f_string", got "5"'],
    ['qurl.text.Scalars', 'f_string: "\\377"', '1:11: string field "f_string" takes valid UTF-8; use a bytes field for other bytes'],
    ['qurl.text.Rich', 'color: BLUE', '1:8: BLUE is not a value of enum qurl.text.Color (field "color")'],
    ['qurl.text.Rich', 'color: "RED"', '1:8: expected a value of enum qurl.text.Color for field "color", got "\\"RED\\""'],
    ['qurl.legacy.Old', 'name: "n" level: 9', '1:18: 9 is not a value of closed enum qurl.legacy.Level (field "level")'],
    // Tokens
    ['qurl.text.Scalars', 'f_string: "abc', '1:11: unterminated string (a string ends on its line, with the quote it began with)'],
    ['qurl.text.Scalars', 'f_string: "a\nb"', '1:11: unterminated string (a string ends on its line, with the quote it began with)'],
    ['qurl.text.Scalars', 'f_string: "\\q"', '1:11: invalid escape \\q in string literal'],
    ['qurl.text.Scalars', 'f_string: "\\400"', '1:11: octal escape \\400 is above \\377 in string literal'],
    ['qurl.text.Scalars', 'f_string: "\\ud800x"', '1:11: \\ud800 is a lone surrogate in string literal'],
    ['qurl.text.Scalars', 'f_string: "\\U00110000"', '1:11: \\U00110000 is beyond Unicode in string literal'],
    ['qurl.text.Scalars', 'f_string: "\\x"', '1:11: \\x without hex digits in string literal'],
    ['qurl.text.Scalars', 'f_int32: 10bar', '1:10: invalid number "10bar"'],
    ['qurl.text.Scalars', 'f_int32: 08', '1:10: invalid number "08"'],
    ['qurl.text.Scalars', 'f_int32: 1 @', '1:12: unexpected character "@"'],
    // Extensions and Any
    ['qurl.legacy.Old', 'name: "n" [qurl.legacy.nope]: 1', '1:11: unknown extension [qurl.legacy.nope] in qurl.legacy.Old'],
    ['qurl.text.Inner', '[qurl.legacy.nickname]: "x"', '1:1: [qurl.legacy.nickname] extends qurl.legacy.Old, not qurl.text.Inner'],
    ['qurl.text.Inner', '[type.googleapis.com/qurl.text.Inner] {}', '1:1: [type.googleapis.com/qurl.text.Inner] is an Any type URL, but qurl.text.Inner is not google.protobuf.Any'],
    ['qurl.text.Rich', 'any { [type.googleapis.com/no.Such] {} }', '1:7: unknown message type no.Such in the Any type URL "type.googleapis.com/no.Such"'],
    ['qurl.text.Rich', 'any { type_url: "x" [a/qurl.text.Inner] {} }', '1:21: this Any already holds a message; it takes one [type URL] or type_url and value'],
    ['qurl.text.Rich', 'any { [a/b/c] {} }', '1:11: expected "]" to close "[a/b", got "/"'],
    // proto2
    ['qurl.legacy.Old', 'count: 1', '1:9: required field "name" of qurl.legacy.Old is missing'],
    ['qurl.legacy.Old', 'name: "n" next { count: 1 }', '1:27: required field "name" of qurl.legacy.Old is missing'],
  ])('%s ← %j', (typeName, text, message) => {
    const err = errorOf(typeName, text);
    expect(err.kind).toBe('grpc-schema');
    expect(err.message).toBe(`text format: ${message}`);
    expect(err.message).not.toContain('\n');
  });

  it('refuses messages nested deeper than 100 levels instead of overflowing the stack', () => {
    const deep = `${'child { '.repeat(150)}${'} '.repeat(150)}`;
    expect(errorOf('qurl.text.Inner', deep).message).toBe('text format: 1:807: messages nest deeper than 100 levels');
  });
});
