// The terminal's JSON view re-lays JSON out without changing a value, and refuses exactly what is not JSON.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { prettyJson } from '../../../src/render/terminal/json-pretty.js';
import { paletteFor } from '../../../src/render/terminal/palette.js';

const runs = { numRuns: Number(process.env.QURL_FUZZ_RUNS ?? 1000) };
const uncoloured = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('prettyJson', () => {
  it('lays a value out as JSON.stringify(value, null, 4) does, whatever the input spacing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, undefined), (value, space) => {
        expect(prettyJson(JSON.stringify(value, null, space))).toBe(`${JSON.stringify(value, null, 4)}\n`);
      }),
      runs,
    );
  });

  it('coloured, the text without its colours is the same; in its own layout, the input itself', () => {
    const palette = paletteFor('default');
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 1);
        expect(uncoloured(prettyJson(text, palette)!)).toBe(`${JSON.stringify(value, null, 4)}\n`);
        expect(uncoloured(prettyJson(text, palette, null)!)).toBe(`${text}\n`);
      }),
      runs,
    );
  });

  it('keeps numbers and escapes as written (JSON.parse would round and re-escape them)', () => {
    expect(prettyJson('{"n":12345678901234567890123,"f":1.50e+3,"s":"\\u00e9\\/"}')).toBe('{\n    "n": 12345678901234567890123,\n    "f": 1.50e+3,\n    "s": "\\u00e9\\/"\n}\n');
  });

  it('null for anything JSON.parse refuses, and for nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)).chain((t) => fc.nat(t.length).map((n) => t.slice(0, n) + t.slice(n + 1)))), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(prettyJson(text) !== null).toBe(parses);
      }),
      runs,
    );
    for (const bad of ['', '   ', '[1,]', '{"a" 1}', '{"a":1}x', '01', '"\t"', '\u00a0{}', "{'a':1}"]) expect(prettyJson(bad), bad).toBeNull();
  });
});
