// Fuzz tests for the HTTP/1.x response parser (every HTTP/1 reply goes through it): on mutated and random
// replies it throws nothing but Http1ParseError, and gives the same outcome however the bytes are split.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHttp1ResponseParser, Http1ParseError, type Http1ParseEvent } from '../../src/codec/index.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';
import { fuzzBytes, splitPoints } from './mutate-bytes.js';
import { decodeOrTypedError, outcomeKey } from './typed-outcome.js';

const SEEDS = [
  'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok',
  'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n0\r\nX-T: 1\r\n\r\n',
  'HTTP/1.0 302 Found\r\nLocation: /x\r\nX-Folded: a\r\n b\r\n\r\nbody until close',
  'HTTP/1.1 200 OK\nTransfer-Encoding: chunked\nContent-Length: 3\n\n1\nx\n0\n\n',
  'HTTP/1.1 204 No Content\r\n\r\n',
].map((s) => Buffer.from(s, 'latin1'));

function run(bytes: Uint8Array, points: readonly number[], method: string): { events: Http1ParseEvent[]; excess: number } {
  const parser = createHttp1ResponseParser({ method });
  const events: Http1ParseEvent[] = [];
  let at = 0;
  for (const p of [...points.map((x) => Math.min(x, bytes.length)).sort((a, b) => a - b), bytes.length]) {
    events.push(...parser.push(bytes.subarray(at, p)));
    at = p;
  }
  if (!parser.done) events.push(...parser.finish());
  return { events, excess: parser.excess };
}

/** Events with the body joined, so that splits, which cut body events differently, compare equal. */
function normalised(outcome: { events: Http1ParseEvent[]; excess: number }): unknown {
  const body = Buffer.concat(outcome.events.filter((e) => e.type === 'body').map((e) => e.bytes)).toString('latin1');
  const rest = outcome.events.filter((e) => e.type !== 'body').map((e) => (e.type === 'head' ? { ...e, head: { ...e.head, raw: Buffer.from(e.head.raw).toString('latin1') } } : e));
  return { body, rest, excess: outcome.excess };
}

describe('the HTTP/1.x response parser on random and mutated replies', () => {
  it('throws only Http1ParseError, with a clear message, and the same outcome at any split', () => {
    fc.assert(fc.property(fuzzBytes(SEEDS, 200), splitPoints, fc.constantFrom('GET', 'HEAD'), (bytes, points, method) => {
      const whole = decodeOrTypedError(() => normalised(run(bytes, [], method)), [Http1ParseError]);
      const split = decodeOrTypedError(() => normalised(run(bytes, points, method)), [Http1ParseError]);
      expect(outcomeKey(split)).toBe(outcomeKey(whole));
    }), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);

  it('a body never exceeds what the framing announced', () => {
    fc.assert(fc.property(fuzzBytes(SEEDS, 200), (bytes) => {
      const outcome = decodeOrTypedError(() => run(bytes, [], 'GET'), [Http1ParseError]);
      if (!outcome.ok) return;
      const final = outcome.value.events.filter((e) => e.type === 'head').at(-1);
      const body = outcome.value.events.filter((e) => e.type === 'body').reduce((n, e) => n + e.bytes.length, 0);
      if (final?.type === 'head' && final.framing === 'length') expect(body).toBe(final.length);
      if (final?.type === 'head' && final.framing === 'none') expect(body).toBe(0);
    }), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);
});
