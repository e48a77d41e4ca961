// grpcurl's -format text request stream: messages separated by the record separator 0x1E (format.go's
// textSeparatorChar), at any chunking; empty input, and input ending in a separator, end in an empty message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitTextMessages, TEXT_SEPARATOR } from '../../../../src/grpc/text-format/index.js';

function splitAll(chunks: readonly string[]): string[] {
  const splitter = splitTextMessages();
  return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
}

describe('splitTextMessages', () => {
  it('is ASCII RS, 0x1E', () => {
    expect(TEXT_SEPARATOR).toBe('\u001e');
  });

  it('splits on the separator and drops it, as grpcurl reads its input', () => {
    expect(splitAll(['a: 1\x1eb: 2\n\x1e  c: 3'])).toEqual(['a: 1', 'b: 2\n', '  c: 3']);
  });

  it('gives each message as soon as its separator arrives, the last one at the end', () => {
    const splitter = splitTextMessages();
    expect(splitter.push('a: 1')).toEqual([]);
    expect(splitter.push(' b: 2\x1ec')).toEqual(['a: 1 b: 2']);
    expect(splitter.push(': 3')).toEqual([]);
    expect(splitter.end()).toEqual(['c: 3']);
    expect(splitter.end()).toEqual([]);
  });

  it('empty input is one empty message; a trailing separator adds an empty last message (grpcurl format_test)', () => {
    expect(splitAll([])).toEqual(['']);
    expect(splitAll(['a: 1\x1e'])).toEqual(['a: 1', '']);
    expect(splitAll(['\x1e\x1e'])).toEqual(['', '', '']);
  });

  it('the same messages at any chunking (property)', () => {
    const text = fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constant(TEXT_SEPARATOR)), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (input, cuts) => {
      const bounds = [0, ...cuts.map((c) => c % (input.length + 1)).sort((a, b) => a - b), input.length];
      const chunks = bounds.slice(1).map((end, i) => input.slice(bounds[i], end));
      expect(splitAll(chunks)).toEqual(input.split(TEXT_SEPARATOR));
    }));
  });
});
