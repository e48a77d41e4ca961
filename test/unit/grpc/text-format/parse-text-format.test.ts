// parseTextFormat on hand-written inputs: every part of the text-format grammar (protobuf.dev's textformat-spec)
// and the forms grpcurl itself prints, read into the same message their JSON form gives.
import { create, equals, fromBinary, fromJson, getExtension, toBinary, toJson, type JsonValue, type Message } from '@bufbuild/protobuf';
import { AnySchema, StructSchema, type Any } from '@bufbuild/protobuf/wkt';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTextFormat } from '../../../../src/grpc/text-format/index.js';
import { loadTextSchemas, type TextSchemas } from './text-schemas.js';

let s: TextSchemas;
beforeAll(async () => {
  s = await loadTextSchemas();
});

function parse(typeName: string, text: string): Message {
  return parseTextFormat(s.message(typeName), text, s.registry);
}

/** The parsed message equals the one the JSON form describes. */
function expectParsed(typeName: string, text: string, json: JsonValue): void {
  const desc = s.message(typeName);
  const parsed = parse(typeName, text);
  const expected = fromJson(desc, json, { registry: s.registry });
  expect(toJson(desc, parsed, { registry: s.registry })).toEqual(toJson(desc, expected, { registry: s.registry }));
  expect(equals(desc, parsed, expected, { registry: s.registry, extensions: true })).toBe(true);
}

function scalars(text: string): Record<string, unknown> {
  return toJson(s.message('qurl.text.Scalars'), parse('qurl.text.Scalars', text)) as Record<string, unknown>;
}

describe('parseTextFormat: layout', () => {
  it('empty text, whitespace and comments are an empty message', () => {
    expectParsed('qurl.text.Rich', '', {});
    expectParsed('qurl.text.Rich', '  \n\t# just a comment\n\v\f\r\n', {});
  });

  it('fields separated by whitespace, "," or ";", with # comments anywhere between tokens', () => {
    expectParsed('qurl.text.Scalars', 'f_int32: 1, f_uint32: 2; f_bool: true # trailing\nf_string: # before the value\n "x"', {
      fInt32: 1, fUint32: 2, fBool: true, fString: 'x',
    });
  });

  it('messages with or without ":", in {} or <>', () => {
    expectParsed('qurl.text.Rich', 'inner { name: "a" child: < n: 1 > }', { inner: { name: 'a', child: { n: 1 } } });
    expectParsed('qurl.text.Rich', 'inner: < child { } >', { inner: { child: {} } });
  });

  it('a sign may be apart from its number, with whitespace and comments between', () => {
    expect(scalars('f_int32: - 5 f_double: -\n # note\n 2.5')).toEqual({ fInt32: -5, fDouble: -2.5 });
  });
});

describe('parseTextFormat: scalar values', () => {
  it('integers in decimal, hex and octal, with a sign, across the 32- and 64-bit ranges', () => {
    expect(scalars('f_int32: 0x7fffffff f_sint32: -0x80000000 f_sfixed32: 017 f_uint32: 0xFFFFFFFF f_fixed32: 0')).toEqual({
      fInt32: 2147483647, fSint32: -2147483648, fSfixed32: 15, fUint32: 4294967295,
    });
    expect(scalars('f_int64: -9223372036854775808 f_uint64: 0xFFFFFFFFFFFFFFFF f_sint64: -017 f_fixed64: 18446744073709551615 f_sfixed64: 9223372036854775807')).toEqual({
      fInt64: '-9223372036854775808', fUint64: '18446744073709551615', fSint64: '-15', fFixed64: '18446744073709551615', fSfixed64: '9223372036854775807',
    });
  });

  it('floats: decimals, exponents, f suffix, integers, inf/infinity/nan in any case, with a sign', () => {
    const rich = s.message('qurl.text.Rich');
    const m = parseTextFormat(rich, 'doubles: [1.5, .5, 5., 1e3, 1.5E-3, 2f, 1.5F, 3, inf, -Infinity, NaN, -nan, 0, -0]', s.registry);
    const doubles = m['doubles' as keyof typeof m] as unknown as number[];
    expect(doubles.slice(0, 10)).toEqual([1.5, 0.5, 5, 1000, 0.0015, 2, 1.5, 3, Infinity, -Infinity]);
    expect(doubles.slice(10, 12).every(Number.isNaN)).toBe(true);
    expect(Object.is(doubles[12], 0) && Object.is(doubles[13], -0)).toBe(true);
    const floats = parseTextFormat(rich, 'floats: 0.1 floats: 1e39 floats: -inf', s.registry)['floats' as keyof Message] as unknown as number[];
    expect(floats).toEqual([Math.fround(0.1), Infinity, -Infinity]);
  });

  it('bools: true, True, t, 1 and false, False, f, 0', () => {
    const rich = s.message('qurl.text.Rich');
    for (const word of ['true', 'True', 't', '1']) expect(scalars(`f_bool: ${word}`)).toEqual({ fBool: true });
    for (const word of ['false', 'False', 'f', '0']) expect(scalars(`f_bool: ${word}`)).toEqual({});
    expect(toJson(rich, parseTextFormat(rich, 'flags { key: t value: "y" }', s.registry))).toEqual({ flags: { true: 'y' } });
  });

  it('strings: single or double quotes, adjacent literals joined, every escape', () => {
    expect(scalars(`f_string: "a" 'b' "c"`)).toEqual({ fString: 'abc' });
    expect(scalars(String.raw`f_string: "\a\b\f\n\r\t\v\?\\\'\""`)).toEqual({ fString: '\x07\b\f\n\r\t\v?\\\'"' });
    expect(scalars(String.raw`f_string: '\101\0\7\60\x41\x4\X42'`)).toEqual({ fString: 'A\0\x070A\x04B' });
    expect(scalars(String.raw`f_string: "\u00e9\U0001F600\ud83d\ude00 é"`)).toEqual({ fString: 'é😀😀 é' });
    expect(scalars(String.raw`f_string: "caf\303\251"`)).toEqual({ fString: 'café' });
  });

  it('bytes: any byte through octal or hex escapes', () => {
    const desc = s.message('qurl.text.Scalars');
    const m = parseTextFormat(desc, String.raw`f_bytes: "\000\377\x80" "A"`, s.registry);
    expect(m['fBytes' as keyof Message]).toEqual(Uint8Array.of(0, 0xff, 0x80, 0x41));
  });

  it('enums by name or number (open enums keep numbers they lack)', () => {
    expectParsed('qurl.text.Rich', 'color: GREEN colors: [RED, 0, 2]', { color: 'GREEN', colors: ['RED', 'COLOR_UNSPECIFIED', 'GREEN'] });
    const rich = s.message('qurl.text.Rich');
    expect(parseTextFormat(rich, 'color: 42', s.registry)['color' as keyof Message]).toBe(42);
    expect(parseTextFormat(rich, 'color: -1', s.registry)['color' as keyof Message]).toBe(-1);
  });
});

describe('parseTextFormat: repeated fields, maps, oneofs', () => {
  it('repeated fields append across occurrences and [lists], lists may be empty', () => {
    expectParsed('qurl.text.Rich', 'ints: 1 ints: [2, 3] ints: [] inners: [{ name: "a" }, < n: 2 >] inners { }', {
      ints: [1, 2, 3], inners: [{ name: 'a' }, { n: 2 }, {}],
    });
  });

  it('map entries one by one or as a list; a missing key or value is its zero value; a repeated key keeps the last', () => {
    expectParsed('qurl.text.Rich', 'counts { key: "a" value: 1 } counts: [{ key: "b", value: 2 }, { value: 3 }] counts { key: "a" value: 9 }', {
      counts: { a: 9, b: 2, '': 3 },
    });
    expectParsed('qurl.text.Rich', 'by_id { key: -5 value { n: 1 } } by_id < key: 0x10 > palette { key: "p" value: GREEN } blobs { key: 1 value: "\\001" }', {
      byId: { '-5': { n: 1 }, '16': {} }, palette: { p: 'GREEN' }, blobs: { '1': 'AQ==' },
    });
  });

  it('a oneof keeps the member set last; a repeated singular message merges, a scalar keeps the last value', () => {
    expectParsed('qurl.text.Rich', 'text: "t" inner { name: "a" } inner { n: 2 }', { inner: { name: 'a', n: 2 } });
    expectParsed('qurl.text.Rich', 'inner { name: "a" } number: 5', { number: 5 });
    expectParsed('qurl.text.Scalars', 'f_int32: 1 f_int32: 2', { fInt32: 2 });
    expectParsed('qurl.text.Rich', 'maybe: 0', { maybe: 0 });
  });
});

describe('parseTextFormat: Any, well-known types, proto2', () => {
  it('an Any expanded as [type_url] { … } (":" optional) packs the message; its plain fields work too', () => {
    const rich = s.message('qurl.text.Rich');
    const inner = s.message('qurl.text.Inner');
    for (const text of ['any { [type.googleapis.com/qurl.text.Inner] { name: "p" } }', 'any: < [ type.googleapis.com / qurl.text.Inner ]: < name: "p" > >']) {
      const any = parseTextFormat(rich, text, s.registry)['any' as keyof Message] as unknown as { typeUrl: string; value: Uint8Array };
      expect(any.typeUrl).toBe('type.googleapis.com/qurl.text.Inner');
      expect(toJson(inner, fromBinary(inner, any.value))).toEqual({ name: 'p' });
    }
    expectParsed('qurl.text.Rich', 'any { type_url: "type.googleapis.com/qurl.text.Inner" value: "\\n\\001p" }', { any: { '@type': 'type.googleapis.com/qurl.text.Inner', name: 'p' } });
    const top = parseTextFormat(AnySchema, '[type.googleapis.com/google.protobuf.Struct] { fields { key: "k" value { bool_value: true } } }', s.registry);
    expect(toJson(StructSchema, fromBinary(StructSchema, (top as Any).value))).toEqual({ k: true });
  });

  it("well-known types as grpcurl prints them nested (golang/protobuf's compact form)", () => {
    expectParsed('qurl.text.Rich', 'ts: <\n  seconds:10 nanos:500000000 \n>\nmeta: <\n  fields:<key:"k" value:<list_value:<values:<number_value:1 > values:<null_value:NULL_VALUE > > > > \n>\nnothing: <\n  \n>', {
      ts: '1970-01-01T00:00:10.500Z', meta: { k: [1, null] }, nothing: {},
    });
  });

  it('groups by type name or field name, extensions by [full.name], required fields present', () => {
    const old = s.message('qurl.legacy.Old');
    const text = 'name: "n" Extras { weight: 0.5 } extras { tags: "t" } Item [{ id: 1 }, { id: 2 }] level: HIGH [qurl.legacy.nickname]: "nick" [qurl.legacy.lucky]: [1, 2] [qurl.legacy.lucky]: 3 [ qurl.legacy.big ]: -0x10 [qurl.legacy.Holder.nested_ext] { name: "i" next { name: "j" } }';
    const m = parseTextFormat(old, text, s.registry);
    expect(toJson(old, m)).toEqual({ name: 'n', extras: { weight: 0.5, tags: ['t'] }, item: [{ id: 1 }, { id: 2 }], level: 'HIGH' });
    const ext = (name: string) => s.registry.getExtension(name)!;
    expect(getExtension(m, ext('qurl.legacy.nickname'))).toBe('nick');
    expect(getExtension(m, ext('qurl.legacy.lucky'))).toEqual([1, 2, 3]);
    expect(getExtension(m, ext('qurl.legacy.big'))).toBe(-16n);
    expect(toJson(old, getExtension(m, ext('qurl.legacy.Holder.nested_ext')) as Message)).toEqual({ name: 'i', next: { name: 'j' } });
  });

  it('the message is a plain bufbuild message: it serializes', () => {
    const rich = s.message('qurl.text.Rich');
    const m = parseTextFormat(rich, 'ints: [1, 2] text: "x"', s.registry);
    expect(equals(rich, fromBinary(rich, toBinary(rich, m)), create(rich, m))).toBe(true);
  });
});
