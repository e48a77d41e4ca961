// Fuzz tests for the Server-Sent Events parser (HTML §9.2.6): it never throws, gives the same items at any split,
// agrees with a whole-text model of the spec, and keeps every event within its max event size (issue 9).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseItem } from '../../src/codec/sse-parser.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';
import { bytewise, fuzzBytes, splitAt, splitPoints } from './mutate-bytes.js';
import { decodeOrTypedError, outcomeKey } from './typed-outcome.js';

const utf8 = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'utf8'));

// The spec's examples, every line end, a BOM, NUL in an id, retry forms, non-ASCII and broken UTF-8.
const SEEDS = [
  utf8('data: YHOO\ndata: +2\ndata: 10\n\n'),
  utf8(': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n'),
  utf8('data\n\ndata\ndata\n\ndata:'),
  utf8('\uFEFFevent: a\rdata: 1\r\rdata: 2\r\n\r\ndata: 3\n\n'),
  utf8('retry: 1500\nretry: 15x\nretry: 99999999999999\nid: a\0b\nfoo: bar\ndata: d\n\n'),
  utf8('event: tick\r\ndata: é€😀\r\nid: 7\r\n\r\n:\n: ping\n\n'),
  Uint8Array.of(0xef, 0xbb, 0xbf, 0x64, 0x61, 0x74, 0x61, 0x3a, 0xe2, 0x82, 0x0a, 0xff, 0x0d, 0x0a, 0x0a),
];

/** A bound small enough that fuzz inputs cross it often, or none to speak of. */
const maxEventSize = fc.oneof(fc.integer({ min: 1, max: 48 }), fc.constant(1 << 20));

/** Pushes the chunks and ends the stream; no error class is allowed: the parser never throws. */
function parseChunks(chunks: readonly Uint8Array[], limit: number): SseItem[] {
  const outcome = decodeOrTypedError(() => {
    const p = createSseParser('', limit);
    return [...chunks.flatMap((c) => p.push(c)), ...p.end()];
  }, []);
  return outcome.ok ? outcome.value : [];
}

/** The spec read literally on the whole decoded text: split into lines, drop the unterminated rest, apply fields. */
function modelItems(bytes: Uint8Array): SseItem[] {
  let text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const lines = text.split(/\r\n|\r|\n/);
  lines.pop();
  const out: SseItem[] = [];
  let data: string[] = [];
  let type = '';
  let id = '';
  for (const line of lines) {
    if (line === '') {
      if (data.length > 0) out.push({ kind: 'event', event: type || 'message', data: data.join('\n'), id });
      data = [];
      type = '';
      continue;
    }
    if (line.startsWith(':')) {
      out.push({ kind: 'comment', text: line.slice(1).replace(/^ /, '') });
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') type = value;
    else if (name === 'data') data.push(value);
    else if (name === 'id' && !value.includes('\0')) id = value;
    else if (name === 'retry' && /^[0-9]+$/.test(value)) out.push({ kind: 'retry', ms: Number(value) });
  }
  return out;
}

const key = (items: readonly SseItem[]): string => outcomeKey({ ok: true, value: items });

describe('SSE parser on random and mutated streams', () => {
  it('gives the same items whole, in random chunks and a byte at a time, and never throws', () => {
    fc.assert(
      fc.property(fuzzBytes(SEEDS, 96), splitPoints, maxEventSize, (bytes, points, limit) => {
        const whole = key(parseChunks([bytes], limit));
        expect(key(parseChunks(splitAt(bytes, points), limit))).toBe(whole);
        expect(key(parseChunks(bytewise(bytes), limit))).toBe(whole);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('agrees with the whole-text model of the spec; past the bound, with its items up to there', () => {
    fc.assert(
      fc.property(fuzzBytes(SEEDS, 96), maxEventSize, (bytes, limit) => {
        const items = parseChunks([bytes], limit);
        const model = modelItems(bytes);
        const last = items.at(-1);
        if (last?.kind === 'too-large') expect(key(items.slice(0, -1))).toBe(key(model.slice(0, items.length - 1)));
        else expect(key(items)).toBe(key(model));
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('keeps every event within the bound, reports too-large at most once and last, and then ignores the rest', () => {
    fc.assert(
      fc.property(fuzzBytes(SEEDS, 96), splitPoints, maxEventSize, (bytes, points, limit) => {
        const p = createSseParser('', limit);
        const items: SseItem[] = [];
        for (const chunk of splitAt(bytes, points)) items.push(...p.push(chunk));
        const tooLarge = items.findIndex((i) => i.kind === 'too-large');
        if (tooLarge >= 0) {
          expect(tooLarge).toBe(items.length - 1);
          expect(p.push(utf8('data: more\n\n'))).toEqual([]);
        }
        // A byte decodes to at most one UTF-16 unit (broken sequences to one U+FFFD), so data.length ≤ its bytes ≤ limit.
        for (const item of items) if (item.kind === 'event') expect(item.data.length).toBeLessThanOrEqual(limit);
        // No more items than lines: a parser that buffers nothing it should not cannot invent them.
        expect(items.length).toBeLessThanOrEqual(bytes.filter((b) => b === 0x0a || b === 0x0d).length + 1);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('bounds an endless event or line at any chunking: too-large within twice the limit plus one chunk of input', () => {
    fc.assert(
      fc.property(fc.constantFrom('data: x\n', 'data: y\r\n', 'data:', 'x'), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 512 }), (unit, chunkUnits, limit) => {
        const p = createSseParser('', limit);
        const chunk = utf8(unit.repeat(chunkUnits));
        let fed = 0;
        let items: SseItem[] = [];
        // Line ends do not count toward the limit, and a data line holds at least 4 bytes to their 2 at most.
        while (items.length === 0 && fed <= 2 * (limit + chunk.length)) {
          items = p.push(chunk);
          fed += chunk.length;
        }
        expect(items).toEqual([{ kind: 'too-large', limit }]);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});
