// parse(print(m)) = m for random messages of every field kind: proto3 scalars, enums, nesting, lists, maps,
// oneofs and well-known types (rich.proto), proto2 groups, required fields and extensions (legacy.proto), and
// well-known types printed as a whole response (golang/protobuf's layout, Any expanded).
import { equals, type DescMessage } from '@bufbuild/protobuf';
import { AnySchema, StructSchema, TimestampSchema, ValueSchema } from '@bufbuild/protobuf/wkt';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTextFormat, printTextFormat } from '../../../../src/grpc/text-format/index.js';
import { messageArbitrary } from './message-arbitrary.js';
import { loadTextSchemas, type TextSchemas } from './text-schemas.js';

let s: TextSchemas;
beforeAll(async () => {
  s = await loadTextSchemas();
});

function roundTrips(desc: () => DescMessage, runs: number): void {
  fc.assert(
    fc.property(fc.constant(null).chain(() => messageArbitrary(desc(), s.registry)), (message) => {
      const text = printTextFormat(desc(), message, s.registry);
      const back = parseTextFormat(desc(), text, s.registry);
      if (!equals(desc(), back, message, { registry: s.registry, extensions: true })) {
        expect.fail(`not the same message after printing and parsing:\n${text}\n---\n${printTextFormat(desc(), back, s.registry)}`);
      }
      expect(printTextFormat(desc(), back, s.registry)).toBe(text);
    }),
    { numRuns: runs },
  );
}

describe('parse(print(m)) = m', () => {
  it('rich.proto: every proto3 field kind and well-known types nested in compact form (property)', () => {
    roundTrips(() => s.message('qurl.text.Rich'), 300);
  });

  it('legacy.proto: groups, defaults, required fields, extensions (property)', () => {
    roundTrips(() => s.message('qurl.legacy.Old'), 200);
  });

  it('scalars of all 15 types across their whole ranges (property)', () => {
    roundTrips(() => s.message('qurl.text.Scalars'), 300);
  });

  it.each([['Struct', StructSchema], ['Value', ValueSchema], ['Any', AnySchema], ['Timestamp', TimestampSchema]] as const)(
    'a google.protobuf.%s response, in golang/protobuf layout (property)',
    (_, schema) => {
      roundTrips(() => schema, 100);
    },
  );
});
