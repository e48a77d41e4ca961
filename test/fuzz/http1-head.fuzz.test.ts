// Fuzz tests for the HTTP/1.x head codec (the CONNECT step reads proxies' replies with it): findHeadEnd and
// parseHttp1Head never throw, and find the same end at any split. Responses go through http1-response-parser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHeadEnd, parseHttp1Head } from '../../src/codec/index.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';
import { fuzzBytes, splitPoints } from './mutate-bytes.js';
import { decodeOrTypedError } from './typed-outcome.js';

const SEEDS = [
  'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok',
  'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n',
  'HTTP/1.0 302 Found\r\nLocation: /x\r\nX-Folded: a\r\n b\r\n\r\n',
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n',
  'HTTP/1.1 200 OK\nContent-Length: 2\n\nok',
].map((s) => Buffer.from(s, 'latin1'));

/** findHeadEnd fed the way the wire tap feeds it: the bytes so far, scanning on from where the last read ended. */
function endByPieces(bytes: Uint8Array, points: readonly number[]): number {
  let seen = 0;
  for (const p of [...points.map((x) => Math.min(x, bytes.length)).sort((a, b) => a - b), bytes.length]) {
    const end = findHeadEnd(bytes.subarray(0, p), seen);
    if (end >= 0) return end;
    seen = p;
  }
  return -1;
}

describe('the HTTP/1.x head codec on random and mutated replies', () => {
  it('findHeadEnd finds the same end however the reply arrives', () => {
    fc.assert(fc.property(fuzzBytes(SEEDS, 160), splitPoints, (bytes, points) => {
      expect(endByPieces(bytes, points)).toBe(findHeadEnd(bytes));
    }), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);

  it('parses any complete head without throwing; no field name holds a colon', () => {
    fc.assert(fc.property(fuzzBytes(SEEDS, 160), (bytes) => {
      const end = findHeadEnd(bytes);
      const parsed = decodeOrTypedError(() => parseHttp1Head(bytes.subarray(0, end < 0 ? bytes.length : end)), []);
      if (parsed.ok) for (const [name] of parsed.value.fields) expect(name).not.toContain(':');
    }), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);

  it('a sound head reads back: its start line and fields', () => {
    const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
    const value = fc.stringMatching(/^[!-~]([ !-~]{0,30}[!-~])?$/);
    fc.assert(fc.property(fc.integer({ min: 100, max: 599 }), fc.array(fc.tuple(token, value), { maxLength: 8 }), (status, fields) => {
      const safe = fields.filter(([n]) => !/^(content-length|transfer-encoding)$/i.test(n));
      const text = `HTTP/1.1 ${status} Reason\r\n${safe.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
      const bytes = Buffer.from(text, 'latin1');
      expect(parseHttp1Head(bytes).startLine).toBe(`HTTP/1.1 ${status} Reason`);
      expect(parseHttp1Head(bytes).fields).toEqual(safe.map(([n, v]) => [n, v.trim()]));
    }), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);
});
