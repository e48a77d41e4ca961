// Fuzz tests for the HTTP/3 frame reader, parseSettings and parseGoaway (RFC 9114 §7): Http3FrameError only,
// the same frames however a stream is split, and no payload buffer beyond maxFramePayload whatever a length says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HTTP3_FRAME, Http3FrameError, createHttp3FrameReader, encodeHttp3Frame, encodeSettings, parseGoaway, parseSettings,
} from '../../src/codec/http3-frame.js';
import type { Http3FrameItem } from '../../src/codec/http3-frame.js';
import { encodeVarint } from '../../src/codec/quic-varint.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';
import { bytewise, fuzzBytes, splitAt, splitPoints } from './mutate-bytes.js';
import { decodeOrTypedError, outcomeKey } from './typed-outcome.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const join = (parts: readonly Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));

const FRAMES = [
  encodeHttp3Frame(HTTP3_FRAME.SETTINGS, encodeSettings([[0x1, 4096], [0x6, 16384], [0x7, 16], [0x21, 0]])),
  encodeHttp3Frame(HTTP3_FRAME.HEADERS, hex('0000 d1 d7 510b 2f69 6e64 6578 2e68 746d 6c')),
  encodeHttp3Frame(HTTP3_FRAME.DATA, hex('68656c6c6f')),
  encodeHttp3Frame(HTTP3_FRAME.DATA, new Uint8Array(0)),
  encodeHttp3Frame(HTTP3_FRAME.GOAWAY, encodeVarint(2 ** 40)),
  encodeHttp3Frame(HTTP3_FRAME.CANCEL_PUSH, encodeVarint(3)),
  encodeHttp3Frame(HTTP3_FRAME.MAX_PUSH_ID, encodeVarint(10)),
  encodeHttp3Frame(HTTP3_FRAME.PUSH_PROMISE, join([encodeVarint(3), hex('0000 d1')])),
  encodeHttp3Frame(0x1f * 7 + 0x21, hex('0102030405')), // a reserved (GREASE) type, RFC 9114 §7.2.8
];
const SEEDS = [...FRAMES, join(FRAMES)];

/**
 * Reads a stream in the given chunks and ends it. Returns one string for the outcome: the frames (DATA pieces joined
 * into their frame) or the error. Checks on the way that no kept payload exceeds maxFramePayload and DATA pieces add up.
 */
function readAll(chunks: readonly Uint8Array[], maxFramePayload: number): string {
  const reader = createHttp3FrameReader({ maxFramePayload });
  const frames: string[] = [];
  let data: string[] | undefined;
  let dataBytes = 0;
  const take = (item: Http3FrameItem): void => {
    if (item.kind === 'frame') {
      if (data !== undefined) throw new Error('a frame arrived inside a DATA frame');
      const kept = item.skipped ? 0 : item.length;
      if (item.payload.length !== kept || kept > maxFramePayload) throw new Error(`a ${item.length}-byte frame kept ${item.payload.length} bytes`);
      frames.push(`${item.type}:${item.length}${item.skipped ? ':skipped' : `:${toHex(item.payload)}`}`);
      return;
    }
    if (item.isFirst !== (data === undefined)) throw new Error('isFirst does not mark the first DATA piece');
    data ??= [];
    data.push(toHex(item.chunk));
    dataBytes += item.chunk.length;
    if (item.isLast) {
      if (dataBytes !== item.length) throw new Error(`DATA pieces of ${dataBytes} bytes for a ${item.length}-byte frame`);
      frames.push(`data:${data.join('')}`);
      data = undefined;
      dataBytes = 0;
    }
  };
  const outcome = decodeOrTypedError(() => {
    for (const chunk of chunks) reader.push(chunk).forEach(take);
    reader.end();
  }, [Http3FrameError]);
  return outcome.ok ? frames.join(' ') : outcomeKey(outcome);
}

describe('HTTP/3 frame reader on random and mutated streams', () => {
  it('reads the same frames or the same Http3FrameError whole, in random chunks and a byte at a time', () => {
    fc.assert(
      fc.property(fuzzBytes(SEEDS, 96), splitPoints, fc.constantFrom(0, 4, 64, 65536), (stream, points, maxFramePayload) => {
        const whole = readAll([stream], maxFramePayload);
        expect(readAll(splitAt(stream, points), maxFramePayload)).toBe(whole);
        expect(readAll(bytewise(stream), maxFramePayload)).toBe(whole);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('never allocates what a huge declared length says: known types fail, unknown ones are skipped, DATA streams', () => {
    const type = fc.oneof(fc.constantFrom(...Object.values(HTTP3_FRAME)), fc.integer({ min: 0, max: 2 ** 30 }));
    fc.assert(
      fc.property(type, fc.integer({ min: 65, max: 2 ** 53 - 1 }), fuzzBytes(SEEDS, 32), (frameType, length, tail) => {
        const reader = createHttp3FrameReader({ maxFramePayload: 64 });
        // The tail stays inside the frame (64 bytes at most, the length 65 at least).
        const bytes = join([encodeVarint(frameType), encodeVarint(length), tail.subarray(0, 64)]);
        const outcome = decodeOrTypedError(() => reader.push(bytes), [Http3FrameError]);
        const isKnown = (Object.values(HTTP3_FRAME) as number[]).includes(frameType);
        expect(outcome.ok).toBe(!isKnown || frameType === HTTP3_FRAME.DATA);
        if (!outcome.ok) return;
        const held = outcome.value.reduce((n, i) => n + (i.kind === 'frame' ? i.payload.length : 0), 0);
        expect(held).toBe(0);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});

const SETTINGS_SEEDS = [encodeSettings([[0x1, 4096], [0x6, 2 ** 40], [0x7, 100], [0x33, 1]]), encodeSettings([[0x8, 1]]), new Uint8Array(0)];

describe('SETTINGS and GOAWAY payloads', () => {
  it('parseSettings gives at most one setting per two bytes, or an Http3FrameError', () => {
    fc.assert(
      fc.property(fuzzBytes(SETTINGS_SEEDS), (payload) => {
        const outcome = decodeOrTypedError(() => parseSettings(payload), [Http3FrameError]);
        if (!outcome.ok) return;
        expect(outcome.value.length * 2).toBeLessThanOrEqual(payload.length);
        expect(new Set(outcome.value.map(([id]) => id)).size).toBe(outcome.value.length);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('parseSettings reads back what encodeSettings wrote', () => {
    const id = fc.oneof(fc.integer({ min: 0, max: 0x40 }), fc.maxSafeNat()).filter((n) => n < 0x2 || n > 0x5);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(id, fc.maxSafeNat()), { selector: ([i]) => i, maxLength: 8 }), (pairs) => {
        expect(parseSettings(encodeSettings(pairs))).toEqual(pairs);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('parseGoaway reads one varint filling the payload, or throws Http3FrameError', () => {
    fc.assert(
      fc.property(fuzzBytes([encodeVarint(0), encodeVarint(2 ** 40), encodeVarint(16383)], 16), (payload) => {
        const outcome = decodeOrTypedError(() => parseGoaway(payload), [Http3FrameError]);
        if (outcome.ok) expect(payload.length).toBe(1 << (payload[0]! >> 6));
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});
