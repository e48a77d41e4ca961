// printTextFormat golden cases: grpcurl's -format text output, derived from jhump/protoreflect's
// dynamic/text.go + indent.go (responses) and golang/protobuf's proto/text_encode.go (well-known types).
import { create, fromBinary, fromJson, setExtension, toBinary, type JsonValue } from '@bufbuild/protobuf';
import { AnySchema, DurationSchema, ValueSchema } from '@bufbuild/protobuf/wkt';
import { reflect } from '@bufbuild/protobuf/reflect';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { beforeAll, describe, expect, it } from 'vitest';
import { printTextFormat } from '../../../../src/grpc/text-format/index.js';
import { loadTextSchemas, type TextSchemas } from './text-schemas.js';

let s: TextSchemas;
beforeAll(async () => {
  s = await loadTextSchemas();
});

function print(typeName: string, json: JsonValue): string {
  const desc = s.message(typeName);
  return printTextFormat(desc, fromJson(desc, json, { registry: s.registry }), s.registry);
}

describe('printTextFormat: scalars', () => {
  it('all 15 scalar types, in field-number order, 64-bit integers unquoted', () => {
    const text = print('qurl.text.Scalars', {
      fDouble: -2.5, fFloat: 0.1, fInt32: -2147483648, fInt64: '-9223372036854775808', fUint32: 4294967295,
      fUint64: '18446744073709551615', fSint32: -1, fSint64: '9223372036854775807', fFixed32: 7, fFixed64: '8',
      fSfixed32: -9, fSfixed64: '-10', fBool: true, fString: 'plain', fBytes: 'AAF/gP9BCg==',
    });
    expect(text).toBe([
      'f_double: -2.5',
      'f_float: 0.1',
      'f_int32: -2147483648',
      'f_int64: -9223372036854775808',
      'f_uint32: 4294967295',
      'f_uint64: 18446744073709551615',
      'f_sint32: -1',
      'f_sint64: 9223372036854775807',
      'f_fixed32: 7',
      'f_fixed64: 8',
      'f_sfixed32: -9',
      'f_sfixed64: -10',
      'f_bool: true',
      'f_string: "plain"',
      'f_bytes: "\\000\\001\\177\\200\\377A\\n"',
    ].join('\n'));
  });

  it('strings escape \\n \\r \\t \\" \\\\ and write every other non-printable or non-ASCII byte in octal', () => {
    expect(print('qurl.text.Scalars', { fString: 'a\nb\rc\td"e\\f\'g\u0001\u007f' })).toBe('f_string: "a\\nb\\rc\\td\\"e\\\\f\'g\\001\\177"');
    expect(print('qurl.text.Scalars', { fString: 'café 😀' })).toBe('f_string: "caf\\303\\251 \\360\\237\\230\\200"');
  });

  it('floats in Go %g: inf, -inf, nan, exponents from 1e6 and below 1e-4', () => {
    const rich = s.message('qurl.text.Rich');
    const m = create(rich, { doubles: [Infinity, -Infinity, NaN, 1e21, 1e-7, 123456, 1234567, -0, 0.1], floats: [0.1, 1e10, 16777216].map(Math.fround) });
    const text = printTextFormat(rich, m, s.registry);
    expect(text).toBe([
      'doubles: inf', 'doubles: -inf', 'doubles: nan', 'doubles: 1e+21', 'doubles: 1e-07', 'doubles: 123456', 'doubles: 1.234567e+06', 'doubles: -0', 'doubles: 0.1',
      'floats: 0.1', 'floats: 1e+10', 'floats: 1.6777216e+07',
    ].join('\n'));
  });

  it('proto3 zero values are not printed, but a set optional or oneof member is, even at zero', () => {
    expect(print('qurl.text.Scalars', { fInt32: 0, fString: '', fBool: false })).toBe('');
    expect(print('qurl.text.Rich', { maybe: 0, number: 0 })).toBe('number: 0\nmaybe: 0');
  });

  it('an empty message prints as nothing', () => {
    expect(print('qurl.text.Rich', {})).toBe('');
  });
});

describe('printTextFormat: composite fields', () => {
  it('nested messages as name: < … > indented by two, an empty one keeps its indented blank line', () => {
    expect(print('qurl.text.Rich', { inner: { name: 'a', child: { n: 2, child: {} } } })).toBe([
      'inner: <',
      '  name: "a"',
      '  child: <',
      '    n: 2',
      '    child: <',
      '      ',
      '    >',
      '  >',
      '>',
    ].join('\n'));
  });

  it('repeated fields one line per element, in order', () => {
    expect(print('qurl.text.Rich', { ints: [3, 1, 2], strings: ['x', ''], inners: [{ name: 'p' }, {}] })).toBe([
      'ints: 3', 'ints: 1', 'ints: 2', 'strings: "x"', 'strings: ""', 'inners: <', '  name: "p"', '>', 'inners: <', '  ', '>',
    ].join('\n'));
  });

  it('maps as one name: < key value > per entry, sorted by key (bools true first, as protoreflect sorts them)', () => {
    const text = print('qurl.text.Rich', { counts: { b: 2, a: 0 }, byId: { '10': { n: 1 }, '-2': {} }, flags: { false: 'no', true: 'yes' }, palette: { z: 'GREEN' } });
    expect(text).toBe([
      'counts: <', '  key: "a"', '  value: 0', '>',
      'counts: <', '  key: "b"', '  value: 2', '>',
      'by_id: <', '  key: -2', '  value: <', '    ', '  >', '>',
      'by_id: <', '  key: 10', '  value: <', '    n: 1', '  >', '>',
      'flags: <', '  key: true', '  value: "yes"', '>',
      'flags: <', '  key: false', '  value: "no"', '>',
      'palette: <', '  key: "z"', '  value: GREEN', '>',
    ].join('\n'));
  });

  it('enums by name, by number when the enum has no such value', () => {
    const rich = s.message('qurl.text.Rich');
    const r = reflect(rich, create(rich));
    r.set(rich.fields.find((f) => f.name === 'color')!, 7);
    expect(printTextFormat(rich, r.message, s.registry)).toBe('color: 7');
    expect(print('qurl.text.Rich', { color: 'RED', colors: ['GREEN', 'COLOR_UNSPECIFIED'] })).toBe('color: RED\ncolors: GREEN\ncolors: COLOR_UNSPECIFIED');
  });

  it('a oneof prints the member that is set', () => {
    expect(print('qurl.text.Rich', { text: 'hi' })).toBe('text: "hi"');
    expect(print('qurl.text.Rich', { inner: { n: 1 } })).toBe('inner: <\n  n: 1\n>');
  });
});

describe('printTextFormat: well-known types', () => {
  it('nested well-known types in golang/protobuf compact text (trailing space), as protoreflect hands them to proto.CompactText', () => {
    const text = print('qurl.text.Rich', { ts: '1970-01-01T00:00:10.5Z', took: '-1.5s', label: 'lbl', nothing: {}, meta: { k: [1, 'two', null, true], o: { z: 1 } } });
    expect(text).toBe([
      'ts: <', '  seconds:10 nanos:500000000 ', '>',
      'took: <', '  seconds:-1 nanos:-500000000 ', '>',
      'label: <', '  value:"lbl" ', '>',
      'meta: <',
      '  fields:<key:"k" value:<list_value:<values:<number_value:1 > values:<string_value:"two" > values:<null_value:NULL_VALUE > values:<bool_value:true > > > > fields:<key:"o" value:<struct_value:<fields:<key:"z" value:<number_value:1 > > > > > ',
      '>',
      'nothing: <', '  ', '>',
    ].join('\n'));
  });

  it('a nested Any is not expanded: grpcurl shows its type_url and value bytes', () => {
    const text = print('qurl.text.Rich', { any: { '@type': 'type.googleapis.com/qurl.text.Inner', name: 'packed' } });
    expect(text).toBe('any: <\n  type_url:"type.googleapis.com/qurl.text.Inner" value:"\\n\\006packed" \n>');
  });

  it('types outside protoreflect\'s well-known list (FieldMask) print like any message', () => {
    expect(print('qurl.text.Rich', { mask: 'a.b,c' })).toBe('mask: <\n  paths: "a.b"\n  paths: "c"\n>');
  });

  it("a well-known response prints as golang/protobuf's indented text: grpcurl's own format_test golden", () => {
    // fullstorydev/grpcurl format_test.go: makeProto() and messageAsText (without its final newline).
    const value = fromJson(ValueSchema, { foo: ['abc', 'def', 'ghi'], bar: { a: 1, b: 2 }, baz: true, null: null });
    expect(printTextFormat(ValueSchema, value, s.registry)).toBe(`struct_value: <
  fields: <
    key: "bar"
    value: <
      struct_value: <
        fields: <
          key: "a"
          value: <
            number_value: 1
          >
        >
        fields: <
          key: "b"
          value: <
            number_value: 2
          >
        >
      >
    >
  >
  fields: <
    key: "baz"
    value: <
      bool_value: true
    >
  >
  fields: <
    key: "foo"
    value: <
      list_value: <
        values: <
          string_value: "abc"
        >
        values: <
          string_value: "def"
        >
        values: <
          string_value: "ghi"
        >
      >
    >
  >
  fields: <
    key: "null"
    value: <
      null_value: NULL_VALUE
    >
  >
>`);
  });

  it('an Any response is expanded when golang/protobuf knows the packed type (a google.protobuf one)', () => {
    const packed = create(AnySchema, { typeUrl: 'type.googleapis.com/google.protobuf.Duration', value: toBinary(DurationSchema, create(DurationSchema, { seconds: 3n })) });
    expect(printTextFormat(AnySchema, packed, s.registry)).toBe('[type.googleapis.com/google.protobuf.Duration]: <\n  seconds: 3\n>');
    const inner = s.message('qurl.text.Inner');
    const own = create(AnySchema, { typeUrl: 'type.googleapis.com/qurl.text.Inner', value: toBinary(inner, create(inner, { name: 'x' })) });
    expect(printTextFormat(AnySchema, own, s.registry)).toBe('type_url: "type.googleapis.com/qurl.text.Inner"\nvalue: "\\n\\001x"');
  });
});

describe('printTextFormat: proto2', () => {
  it('groups by their type name with no colon, extensions as [full.name] in field-number order', () => {
    const old = s.message('qurl.legacy.Old');
    const m = fromJson(old, { name: 'n', count: 7, extras: { weight: 0.5, tags: ['t'] }, item: [{ id: 1 }, {}], level: 'HIGH' });
    const ext = (name: string) => s.registry.getExtension(name)!;
    setExtension(m, ext('qurl.legacy.lucky'), [7, 8]);
    setExtension(m, ext('qurl.legacy.nickname'), 'nick');
    setExtension(m, ext('qurl.legacy.big'), -5n);
    setExtension(m, ext('qurl.legacy.Holder.nested_ext'), create(old, { name: 'inner' }));
    expect(printTextFormat(old, m, s.registry)).toBe([
      'name: "n"',
      'count: 7',
      'Extras{', '  weight: 0.5', '  tags: "t"', '}',
      'Item{', '  id: 1', '}',
      'Item{', '  ', '}',
      'level: HIGH',
      '[qurl.legacy.nickname]: "nick"',
      '[qurl.legacy.lucky]: 7',
      '[qurl.legacy.lucky]: 8',
      '[qurl.legacy.big]: -5',
      '[qurl.legacy.Holder.nested_ext]: <', '  name: "inner"', '>',
    ].join('\n'));
  });

  it('an unset field with a default is not printed; a closed enum number the enum lacks prints as a number', () => {
    const old = s.message('qurl.legacy.Old');
    const bytes = new BinaryWriter().tag(1, WireType.LengthDelimited).string('n').tag(5, WireType.Varint).int32(9).finish();
    expect(printTextFormat(old, fromBinary(old, bytes), s.registry)).toBe('name: "n"\nlevel: 9');
  });

  it('unknown fields after the known ones, by number: varints and fixed numbers unsigned, bytes quoted, groups as N{…}', () => {
    const inner = s.message('qurl.text.Inner');
    const bytes = new BinaryWriter()
      .tag(12, WireType.StartGroup).tag(1, WireType.Varint).int32(5).tag(12, WireType.EndGroup)
      .tag(9, WireType.Varint).int64(-1n)
      .tag(1, WireType.LengthDelimited).string('x')
      .tag(10, WireType.Bit32).fixed32(4000000000)
      .tag(11, WireType.LengthDelimited).bytes(Uint8Array.of(0x68, 0x69, 0))
      .tag(13, WireType.Bit64).fixed64(1n)
      .tag(9, WireType.Varint).int32(300)
      .finish();
    expect(printTextFormat(inner, fromBinary(inner, bytes), s.registry)).toBe([
      'name: "x"', '9: 18446744073709551615', '9: 300', '10: 4000000000', '11: "hi\\000"', '12{', '  1: 5', '}', '13: 1',
    ].join('\n'));
  });
});
