import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHeadEnd, parseHttp1Head } from '../../../src/codec/index.js';

const HEAD = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Folded: a\r\n b\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\nbody');

describe('http1 head codec', () => {
  it('finds the end of the head', () => {
    expect(findHeadEnd(HEAD)).toBe(HEAD.length - 4);
    expect(findHeadEnd(HEAD.subarray(0, 20))).toBe(-1);
  });

  it('parses fields in order, keeping case and repeats, unfolding obs-fold', () => {
    const head = parseHttp1Head(HEAD.subarray(0, findHeadEnd(HEAD)));
    expect(head.startLine).toBe('HTTP/1.1 200 OK');
    expect(head.fields).toEqual([
      ['Content-Type', 'text/plain'],
      ['X-Folded', 'a b'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
    ]);
  });

  it('finds the same end whichever way the bytes are split (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: HEAD.length - 1 }), (cut) => {
        const first = HEAD.subarray(0, cut);
        const early = findHeadEnd(first);
        if (early >= 0) return early === HEAD.length - 4;
        return findHeadEnd(HEAD, cut) === HEAD.length - 4;
      }),
    );
  });
});
