// Fuzz tests for the HTTP/2 frame splitter and parseFramePayload (RFC 9113 §4.1, §6): both are total (no throw
// at all), the splitter accounts for every byte, holds back at most one frame, and splits the same at any chunking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLIENT_PREFACE, createFrameSplitter, encodeFrame, parseFramePayload } from '../../src/codec/http2-frame.js';
import type { RawFrame } from '../../src/codec/http2-frame.js';
import { FLAG, FRAME_TYPE } from '../../src/codec/http2-frame-names.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';
import { bytewise, fuzzBytes, splitAt, splitPoints } from './mutate-bytes.js';
import { decodeOrTypedError } from './typed-outcome.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const HEADER_BYTES = 9;
const MAX_FRAME_LENGTH = 2 ** 24 - 1;

// One frame of each type, as the unit tests and RFC 9113 §6 lay them out.
const FRAMES = [
  encodeFrame(FRAME_TYPE.SETTINGS, 0, 0, hex('0001 00001000 0002 00000000 0004 0000ffff')),
  encodeFrame(FRAME_TYPE.SETTINGS, FLAG.ACK, 0),
  encodeFrame(FRAME_TYPE.HEADERS, FLAG.END_HEADERS | FLAG.PRIORITY | FLAG.PADDED, 1, hex('02 80000003 0f 8286 0000')),
  encodeFrame(FRAME_TYPE.DATA, FLAG.PADDED | FLAG.END_STREAM, 1, hex('02 6869 0000')),
  encodeFrame(FRAME_TYPE.PRIORITY, 0, 3, hex('00000001 ff')),
  encodeFrame(FRAME_TYPE.RST_STREAM, 0, 1, hex('00000008')),
  encodeFrame(FRAME_TYPE.PUSH_PROMISE, FLAG.END_HEADERS, 1, hex('00000002 82')),
  encodeFrame(FRAME_TYPE.PING, FLAG.ACK, 0, hex('0102030405060708')),
  encodeFrame(FRAME_TYPE.GOAWAY, 0, 0, hex('00000005 0000000b 6869')),
  encodeFrame(FRAME_TYPE.WINDOW_UPDATE, 0, 0, hex('80010000')),
  encodeFrame(FRAME_TYPE.CONTINUATION, FLAG.END_HEADERS, 1, hex('82')),
  encodeFrame(0x42, 0xff, 0x7fffffff, hex('00')),
];
const SEEDS = [...FRAMES, Uint8Array.from(FRAMES.flatMap((f) => [...f]))];

/** One string for a run's frames, so comparing runs is cheap (deep equality on typed arrays is slow at 100,000 runs). */
const framesKey = (frames: readonly RawFrame[]): string =>
  frames.map((f) => `${f.length}/${f.type}/${f.flags}/${f.streamId}/${Buffer.from(f.payload).toString('hex')}`).join(' ');

/** Pushes the chunks; no error class is allowed: the splitter and parseFramePayload never throw. */
function splitAll(chunks: readonly Uint8Array[], expectPreface: boolean): { frames: RawFrame[]; pending: number } {
  const splitter = createFrameSplitter(expectPreface);
  const frames: RawFrame[] = [];
  let maxPending = 0;
  for (const chunk of chunks) {
    const outcome = decodeOrTypedError(() => splitter.push(chunk), []);
    if (outcome.ok) frames.push(...outcome.value);
    maxPending = Math.max(maxPending, splitter.pending());
  }
  expect(maxPending).toBeLessThan(HEADER_BYTES + MAX_FRAME_LENGTH);
  return { frames, pending: splitter.pending() };
}

const withPreface = (bytes: Uint8Array): Uint8Array => Uint8Array.from([...CLIENT_PREFACE, ...bytes]);

describe('HTTP/2 frame splitter on random and mutated streams', () => {
  it('accounts for every byte and splits the same whole, in random chunks and a byte at a time', () => {
    fc.assert(
      fc.property(fuzzBytes(SEEDS, 96), splitPoints, fc.boolean(), (body, points, expectPreface) => {
        const stream = expectPreface ? withPreface(body) : body;
        const whole = splitAll([stream], expectPreface);
        const skipped = expectPreface ? CLIENT_PREFACE.length : 0;
        const framed = whole.frames.reduce((n, f) => n + HEADER_BYTES + f.length, 0);
        expect(skipped + framed + whole.pending).toBe(stream.length);
        for (const f of whole.frames) expect(f.payload.length).toBe(f.length);
        if (whole.pending >= HEADER_BYTES) {
          const held = stream.subarray(stream.length - whole.pending);
          expect(whole.pending).toBeLessThan(HEADER_BYTES + ((held[0]! << 16) | (held[1]! << 8) | held[2]!));
        }
        const key = (run: { frames: RawFrame[]; pending: number }): string => `${framesKey(run.frames)} +${run.pending}`;
        expect(key(splitAll(splitAt(stream, points), expectPreface))).toBe(key(whole));
        expect(key(splitAll(bytewise(stream), expectPreface))).toBe(key(whole));
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('keeps its own copy of held bytes: a caller may reuse its buffer once push returns', () => {
    fc.assert(
      fc.property(fuzzBytes(SEEDS, 96), splitPoints, (stream, points) => {
        const expected = splitAll([stream], false).frames;
        const splitter = createFrameSplitter(false);
        const frames = splitAt(stream, points).flatMap((piece) => {
          const chunk = piece.slice();
          const got = splitter.push(chunk);
          chunk.fill(0xee);
          return got;
        });
        expect(framesKey(frames)).toBe(framesKey(expected));
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('parseFramePayload on random and mutated frames', () => {
  it('never throws, and what it finds lies within the payload', () => {
    const frame = fc.record({
      type: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 255 })),
      flags: fc.integer({ min: 0, max: 255 }),
      streamId: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      payload: fuzzBytes(SEEDS.map((s) => s.subarray(HEADER_BYTES)), 48),
    });
    fc.assert(
      fc.property(frame, ({ type, flags, streamId, payload }) => {
        const parsed = decodeOrTypedError(() => parseFramePayload({ length: payload.length, type, flags, streamId, payload }), []);
        if (!parsed.ok) return;
        const p = parsed.value;
        if (p.kind === 'data') expect(p.dataLength + p.padLength + (flags & FLAG.PADDED ? 1 : 0)).toBe(payload.length);
        if (p.kind === 'headers' || p.kind === 'push-promise' || p.kind === 'continuation') expect(p.block.length).toBeLessThanOrEqual(payload.length);
        if (p.kind === 'settings') expect(p.settings.length * 6).toBe(payload.length);
        if (p.kind === 'malformed') expect(p.reason).not.toMatch(/NaN|undefined/);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});

const u32 = (n: number): number[] => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const streamId31 = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const word32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const priority = fc.record({ exclusive: fc.boolean(), dependency: streamId31, weight: fc.integer({ min: 1, max: 256 }) });
const priorityBytes = (p: { exclusive: boolean; dependency: number; weight: number }): number[] => [...u32((p.exclusive ? 2 ** 31 : 0) + p.dependency), p.weight - 1];

/** A frame's type, flags and payload bytes, and what parseFramePayload must make of them. */
type Case = readonly [type: number, flags: number, payload: readonly number[], expected: unknown];

const validFrame: fc.Arbitrary<Case> = fc.oneof(
  fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffff }), word32), { maxLength: 6 }).map((settings): Case =>
    [FRAME_TYPE.SETTINGS, 0, settings.flatMap(([id, v]) => [id >> 8, id & 0xff, ...u32(v)]), { kind: 'settings', settings }]),
  fc.tuple(streamId31, word32, fc.uint8Array({ maxLength: 16 })).map(([lastStreamId, errorCode, debug]): Case =>
    [FRAME_TYPE.GOAWAY, 0, [...u32(lastStreamId), ...u32(errorCode), ...debug], { kind: 'goaway', lastStreamId, errorCode, debug }]),
  streamId31.map((increment): Case => [FRAME_TYPE.WINDOW_UPDATE, 0, u32(increment), { kind: 'window-update', increment }]),
  word32.map((errorCode): Case => [FRAME_TYPE.RST_STREAM, 0, u32(errorCode), { kind: 'rst-stream', errorCode }]),
  fc.uint8Array({ minLength: 8, maxLength: 8 }).map((opaque): Case => [FRAME_TYPE.PING, FLAG.ACK, [...opaque], { kind: 'ping', opaque }]),
  priority.map((p): Case => [FRAME_TYPE.PRIORITY, 0, priorityBytes(p), { kind: 'priority', priority: p }]),
  fc.tuple(fc.uint8Array({ maxLength: 16 }), fc.integer({ min: 0, max: 255 })).map(([data, padLength]): Case =>
    [FRAME_TYPE.DATA, FLAG.PADDED, [padLength, ...data, ...new Array<number>(padLength).fill(0)], { kind: 'data', dataLength: data.length, padLength }]),
  fc.tuple(fc.uint8Array({ maxLength: 16 }), fc.integer({ min: 0, max: 32 }), priority).map(([block, padLength, p]): Case => [
    FRAME_TYPE.HEADERS, FLAG.PADDED | FLAG.PRIORITY | FLAG.END_HEADERS, [padLength, ...priorityBytes(p), ...block, ...new Array<number>(padLength).fill(0)],
    { kind: 'headers', block, padLength, priority: p },
  ]),
  fc.tuple(streamId31, fc.uint8Array({ maxLength: 16 })).map(([promisedStreamId, block]): Case =>
    [FRAME_TYPE.PUSH_PROMISE, FLAG.END_HEADERS, [...u32(promisedStreamId), ...block], { kind: 'push-promise', promisedStreamId, block, padLength: 0 }]),
);

describe('HTTP/2 frames from the encoder', () => {
  it('split and parse back to the fields they were built from', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(validFrame, streamId31), { minLength: 1, maxLength: 4 }), splitPoints, (cases, points) => {
        const stream = Uint8Array.from(cases.flatMap(([[type, flags, payload], id]) => [...encodeFrame(type, flags, id, Uint8Array.from(payload))]));
        const { frames, pending } = splitAll(splitAt(stream, points), false);
        expect(pending).toBe(0);
        // As JSON: deep equality on typed arrays is slow at 100,000 runs.
        const got = frames.map((f) => [f.type, f.streamId, parseFramePayload(f)]);
        expect(JSON.stringify(got)).toBe(JSON.stringify(cases.map(([[type, , , expected], id]) => [type, id, expected])));
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});
