// Size-delimited messages (protobuf's writeDelimitedTo): varint lengths byte for byte, streaming at any split,
// the bound, and truncation; compared with @bufbuild/protobuf's own sizeDelimitedEncode.
import { sizeDelimitedEncode } from '@bufbuild/protobuf/wire';
import { create } from '@bufbuild/protobuf';
import { BytesValueSchema } from '@bufbuild/protobuf/wkt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SizeDelimitedError, createSizeDelimitedReader, encodeSizeDelimited } from '../../../src/codec/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('size-delimited messages', () => {
  it('a varint length, then the bytes (300 is ac02); the same bytes as @bufbuild/protobuf writes', () => {
    expect(hex(encodeSizeDelimited(Uint8Array.of(1, 2)))).toBe('020102');
    expect(hex(encodeSizeDelimited(new Uint8Array(300)).subarray(0, 2))).toBe('ac02');
    const message = create(BytesValueSchema, { value: new Uint8Array(200) });
    const theirs = sizeDelimitedEncode(BytesValueSchema, message);
    expect(hex(encodeSizeDelimited(theirs.subarray(2)))).toBe(hex(theirs));
  });

  it('reads back any messages at any split', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), fc.integer({ min: 1, max: 50 }), (messages, size) => {
        const stream = Buffer.concat(messages.map(encodeSizeDelimited));
        const reader = createSizeDelimitedReader(1000);
        const got: string[] = [];
        for (let at = 0; at < stream.length; at += size) got.push(...reader.push(stream.subarray(at, at + size)).map(hex));
        reader.end();
        expect(got).toEqual(messages.map(hex));
      }),
    );
  });

  it('refuses a length over the bound, a varint that never ends, and input that stops inside a message', () => {
    expect(() => createSizeDelimitedReader(10).push(encodeSizeDelimited(new Uint8Array(11)))).toThrow(SizeDelimitedError);
    expect(() => createSizeDelimitedReader(10).push(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0x01))).toThrow(/varint/);
    const reader = createSizeDelimitedReader(10);
    reader.push(Uint8Array.of(5, 1, 2));
    expect(() => reader.end()).toThrow(/ends inside a message \(3 bytes left over\)/);
  });
});
