import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { urlEncode } from '../../../src/codec/index.js';

describe('urlEncode (curl_easy_escape)', () => {
  it('keeps only the unreserved set', () => {
    expect(urlEncode('a b&c=d/é~._-')).toBe('a%20b%26c%3Dd%2F%C3%A9~._-');
    expect(urlEncode("!'()*")).toBe('%21%27%28%29%2A');
  });

  it('round-trips any string and emits only safe characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const e = urlEncode(s);
        return /^[A-Za-z0-9\-._~%]*$/.test(e) && decodeURIComponent(e) === s;
      }),
    );
  });
});
