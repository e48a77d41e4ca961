// RFC 6797's Strict-Transport-Security field and curl's HSTS cache file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHstsFile, parseHstsFile, parseStsHeader } from '../../../src/codec/index.js';

describe('parseStsHeader', () => {
  it.each([
    ['max-age=31536000', { maxAge: 31536000, includeSubDomains: false }],
    ['max-age="3600"; includeSubDomains', { maxAge: 3600, includeSubDomains: true }],
    ['  MAX-AGE=0 ; preload', { maxAge: 0, includeSubDomains: false }],
    ['includeSubDomains', null],
    ['max-age=-1', null],
    ['max-age=1; max-age=2', null],
    ['max-age=abc', null],
  ])('%s', (value, parsed) => {
    expect(parseStsHeader(value)).toEqual(parsed);
  });
});

describe('the cache file', () => {
  it("reads curl's file, skipping comments and lines it cannot read", () => {
    const text = '# Your HSTS cache. https://curl.se/docs/hsts.html\n.example.com "20261203 15:10:27"\nexample.org "unlimited"\ngarbage\nbad.date "2026"\n';
    expect(parseHstsFile(text)).toEqual([
      { host: 'example.com', includeSubDomains: true, expires: Date.UTC(2026, 11, 3, 15, 10, 27) },
      { host: 'example.org', includeSubDomains: false, expires: Infinity },
    ]);
  });
  it('writes what it reads back', () => {
    const entry = fc.record({
      host: fc.domain().map((d) => d.toLowerCase()),
      includeSubDomains: fc.boolean(),
      expires: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 4_102_444_800 }).map((s) => s * 1000)),
    });
    fc.assert(fc.property(fc.array(entry, { maxLength: 5 }), (entries) => {
      expect(parseHstsFile(formatHstsFile(entries))).toEqual(entries);
    }));
  });
});
