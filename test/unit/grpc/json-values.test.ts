// Request input for qurl grpc: JSON values back to back, split as they complete, at any chunking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJsonValueSplitter } from '../../../src/grpc/json-values.js';
import { QurlError } from '../../../src/errors/index.js';

function splitAll(pieces: readonly string[]): unknown[] {
  const s = createJsonValueSplitter();
  return [...pieces.flatMap((p) => s.push(p)), ...s.end()];
}

describe('JSON values back to back', () => {
  it('objects, arrays and scalars, with or without whitespace between', () => {
    expect(splitAll(['{"a":1}{"b":"}"}\n[1,2] 3 "x"{"c":{"d":[]}}'])).toEqual([{ a: 1 }, { b: '}' }, [1, 2], 3, 'x', { c: { d: [] } }]);
    expect(splitAll(['  '])).toEqual([]);
    expect(splitAll(['{"s":"a\\"}b"}'])).toEqual([{ s: 'a"}b' }]);
  });

  it('the same values at any chunking (property)', () => {
    const value = fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v === 'object' && v !== null);
    fc.assert(fc.property(fc.array(value, { maxLength: 5 }), fc.array(fc.nat(), { maxLength: 6 }), (values, cuts) => {
      const text = values.map((v) => JSON.stringify(v)).join('\n');
      const bounds = [0, ...cuts.map((c) => c % (text.length + 1)).sort((a, b) => a - b), text.length];
      const pieces = bounds.slice(1).map((end, i) => text.slice(bounds[i], end));
      expect(splitAll(pieces)).toEqual(values.map((v) => JSON.parse(JSON.stringify(v)) as unknown));
    }));
  });

  it('bad or cut-off JSON is one clear error naming the message', () => {
    expect(() => splitAll(['{"a":1}{"b":'])).toThrow(new QurlError('grpc-schema', 'request message 2 is not valid JSON: the input ended inside it'));
    expect(() => splitAll(['{"a":1,}'])).toThrow(/^request message 1 is not valid JSON: /);
    expect(() => splitAll(['}'])).toThrow(/an unmatched "}"/);
  });
});
