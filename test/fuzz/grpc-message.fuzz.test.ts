// Fuzz tests for the gRPC message reader: the same messages at any split, only GrpcFrameError, and nothing
// held past the size bound however large a length a prefix declares.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GrpcFrameError, createGrpcMessageReader, encodeGrpcMessage } from '../../src/codec/index.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';
import { fuzzBytes, splitAt, splitPoints } from './mutate-bytes.js';
import { decodeOrTypedError, outcomeKey } from './typed-outcome.js';

const SEEDS = [
  Buffer.concat([encodeGrpcMessage(Buffer.from('hello')), encodeGrpcMessage(new Uint8Array(0), true)]),
  encodeGrpcMessage(Buffer.alloc(40, 7)),
];
const LIMIT = 32;

function readAll(pieces: readonly Uint8Array[]): string {
  const reader = createGrpcMessageReader({ maxMessageBytes: LIMIT });
  const out: string[] = [];
  for (const p of pieces) {
    for (const m of reader.push(p)) out.push(`${m.compressed ? 1 : 0}:${Buffer.from(m.payload).toString('hex')}`);
    expect(reader.pending()).toBeLessThanOrEqual(LIMIT + 5 + p.length);
  }
  reader.end();
  return out.join(',');
}

describe('the gRPC message reader on random and mutated streams', () => {
  it('gives the same messages, or the same GrpcFrameError, at any split', () => {
    fc.assert(fc.property(fuzzBytes(SEEDS, 96), splitPoints, (bytes, points) => {
      const whole = decodeOrTypedError(() => readAll([bytes]), [GrpcFrameError]);
      const split = decodeOrTypedError(() => readAll(splitAt(bytes, points)), [GrpcFrameError]);
      expect(outcomeKey(split)).toBe(outcomeKey(whole));
    }), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);

  it('reads back what it framed', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.uint8Array({ maxLength: LIMIT }), fc.boolean()), { maxLength: 8 }), (messages) => {
      const stream = Buffer.concat(messages.map(([p, z]) => encodeGrpcMessage(p, z)));
      expect(readAll([stream])).toBe(messages.map(([p, z]) => `${z ? 1 : 0}:${Buffer.from(p).toString('hex')}`).join(','));
    }), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);
});
