// HTTP/3 frames (RFC 9114 §7): encoding, SETTINGS and GOAWAY payloads, and the streaming reader at every split.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HTTP3_FRAME, HTTP3_SETTING, Http3FrameError, createHttp3FrameReader, encodeHttp3Frame, encodeSettings, parseGoaway, parseSettings,
} from '../../../src/codec/http3-frame.js';
import type { Http3FrameItem } from '../../../src/codec/http3-frame.js';
import { http3ErrorName, http3FrameTypeName, http3SettingName, http3StreamTypeName } from '../../../src/codec/http3-names.js';
import { encodeVarint } from '../../../src/codec/quic-varint.js';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const bytes = (n: number, seed = 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const concat = (parts: readonly Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

interface Frame { type: number; payload: Uint8Array }

/** Reassembles reader output into whole frames, checking the DATA piece flags on the way. */
function reassemble(items: readonly Http3FrameItem[]): Frame[] {
  const frames: Frame[] = [];
  let data: Uint8Array[] | undefined;
  for (const item of items) {
    if (item.kind === 'frame') {
      expect(data).toBeUndefined();
      expect(item.payload.length).toBe(item.length);
      frames.push({ type: item.type, payload: item.payload });
      continue;
    }
    expect(item.isFirst).toBe(data === undefined);
    data ??= [];
    data.push(item.chunk);
    if (item.isLast) {
      const payload = concat(data);
      expect(payload.length).toBe(item.length);
      frames.push({ type: HTTP3_FRAME.DATA, payload });
      data = undefined;
    }
  }
  expect(data).toBeUndefined();
  return frames;
}

function readInPieces(stream: Uint8Array, cuts: readonly number[], maxFramePayload = 1 << 16): Http3FrameItem[] {
  const reader = createHttp3FrameReader({ maxFramePayload });
  const items: Http3FrameItem[] = [];
  let at = 0;
  for (const cut of [...cuts, stream.length]) {
    items.push(...reader.push(stream.subarray(at, cut)));
    at = cut;
  }
  reader.end();
  return items;
}

const GREASE_TYPE = 0x1f * 1000 + 0x21;
const frames: Frame[] = [
  { type: HTTP3_FRAME.SETTINGS, payload: encodeSettings([[HTTP3_SETTING.QPACK_MAX_TABLE_CAPACITY, 4096], [HTTP3_SETTING.QPACK_BLOCKED_STREAMS, 16]]) },
  { type: GREASE_TYPE, payload: bytes(5, 7) },
  { type: HTTP3_FRAME.HEADERS, payload: hex('0000 d1 d7') },
  { type: HTTP3_FRAME.DATA, payload: bytes(300) },
  { type: HTTP3_FRAME.DATA, payload: new Uint8Array(0) },
  { type: HTTP3_FRAME.PUSH_PROMISE, payload: concat([encodeVarint(3), hex('0000 d1')]) },
  { type: HTTP3_FRAME.CANCEL_PUSH, payload: encodeVarint(3) },
  { type: HTTP3_FRAME.MAX_PUSH_ID, payload: encodeVarint(10) },
  { type: HTTP3_FRAME.DATA, payload: bytes(3, 1) },
  { type: HTTP3_FRAME.HEADERS, payload: new Uint8Array(0) },
  { type: HTTP3_FRAME.GOAWAY, payload: encodeVarint(2 ** 40) },
];
const stream = concat(frames.map((f) => encodeHttp3Frame(f.type, f.payload)));

describe('encoding', () => {
  it('writes type, length and payload', () => {
    expect(encodeHttp3Frame(HTTP3_FRAME.DATA, hex('6869'))).toEqual(hex('00 02 6869'));
    expect(encodeHttp3Frame(HTTP3_FRAME.HEADERS, bytes(64)).subarray(0, 3)).toEqual(hex('01 4040'));
    expect(encodeHttp3Frame(GREASE_TYPE, new Uint8Array(0))).toEqual(concat([encodeVarint(GREASE_TYPE), hex('00')]));
  });

  it('SETTINGS payload round trips, in order', () => {
    const payload = encodeSettings([[0x1, 0], [0x7, 100], [0x33, 1]]);
    expect(payload).toEqual(hex('0100 074064 3301'));
    expect(parseSettings(payload)).toEqual([[0x1, 0], [0x7, 100], [0x33, 1]]);
    expect(parseSettings(new Uint8Array(0))).toEqual([]);
  });

  it.each([
    ['truncated value', '01'],
    ['truncated varint', '0140'],
    ['duplicate identifier (RFC 9114 §7.2.4)', '0100 0764 0101'],
    ['HTTP/2-only identifier (RFC 9114 §7.2.4.1)', '0264'],
  ])('SETTINGS with a %s is an Http3FrameError', (_name, payload) => {
    expect(() => parseSettings(hex(payload))).toThrow(Http3FrameError);
  });

  it('names a duplicate setting', () => {
    expect(() => parseSettings(hex('0100 0101'))).toThrow(/SETTINGS repeats SETTINGS_QPACK_MAX_TABLE_CAPACITY/);
  });

  it('GOAWAY carries exactly one varint', () => {
    expect(parseGoaway(hex('4004'))).toBe(4);
    expect(parseGoaway(encodeVarint(2 ** 40))).toBe(2 ** 40);
    expect(() => parseGoaway(hex(''))).toThrow(Http3FrameError);
    expect(() => parseGoaway(hex('0400'))).toThrow(Http3FrameError);
    expect(() => parseGoaway(hex('40'))).toThrow(Http3FrameError);
  });
});

describe('streaming reader', () => {
  it('reads every frame kind from one push', () => {
    expect(reassemble(readInPieces(stream, []))).toEqual(frames);
  });

  it('reads the same frames at every split point', () => {
    for (let cut = 0; cut <= stream.length; cut++) expect(reassemble(readInPieces(stream, [cut]))).toEqual(frames);
  });

  it('reads the same frames one byte at a time', () => {
    expect(reassemble(readInPieces(stream, Array.from({ length: stream.length }, (_, i) => i)))).toEqual(frames);
  });

  it('reads the same frames at random splits (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: stream.length }), { maxLength: 40 }), (cuts) => {
        expect(reassemble(readInPieces(stream, [...cuts].sort((a, b) => a - b)))).toEqual(frames);
      }),
      { numRuns: 500 },
    );
  });

  it('hands DATA over as it arrives, zero-copy, never buffered whole', () => {
    const body = bytes(1000);
    const wire = encodeHttp3Frame(HTTP3_FRAME.DATA, body);
    const reader = createHttp3FrameReader({ maxFramePayload: 16 });
    const pieces: Http3FrameItem[] = [];
    for (let at = 0; at < wire.length; at += 100) {
      const chunk = wire.subarray(at, at + 100);
      const items = reader.push(chunk);
      expect(items).toHaveLength(1);
      const item = items[0]!;
      expect(item.kind).toBe('data');
      if (item.kind === 'data') {
        expect(item.chunk.buffer).toBe(wire.buffer);
        expect(item.chunk.length).toBeLessThanOrEqual(100);
      }
      pieces.push(...items);
    }
    reader.end();
    expect(pieces.map((p) => (p.kind === 'data' ? [p.isFirst, p.isLast] : []))).toEqual(
      pieces.map((_, i) => [i === 0, i === pieces.length - 1]),
    );
    expect(reassemble(pieces)).toEqual([{ type: HTTP3_FRAME.DATA, payload: body }]);
  });

  it('yields one empty piece for a zero-length DATA frame', () => {
    expect(createHttp3FrameReader({ maxFramePayload: 0 }).push(hex('0000'))).toEqual([
      { kind: 'data', length: 0, chunk: new Uint8Array(0), isFirst: true, isLast: true },
    ]);
  });

  it('rejects a non-DATA frame above maxFramePayload, naming its type and size', () => {
    const reader = createHttp3FrameReader({ maxFramePayload: 100 });
    expect(reader.push(encodeHttp3Frame(HTTP3_FRAME.HEADERS, bytes(100)))).toHaveLength(1);
    expect(() => reader.push(concat([encodeVarint(HTTP3_FRAME.HEADERS), encodeVarint(101)]))).toThrow(
      new Http3FrameError('HEADERS frame of 101 bytes exceeds the 100-byte limit'),
    );
  });

  it('skips an unknown or reserved frame above maxFramePayload instead of failing (RFC 9114 §9)', () => {
    const reader = createHttp3FrameReader({ maxFramePayload: 100 });
    const grease = 0x1f * 3 + 0x21;
    const wire = concat([encodeHttp3Frame(grease, bytes(5000)), encodeHttp3Frame(HTTP3_FRAME.DATA, bytes(3))]);
    const items = [...reader.push(wire.subarray(0, 2000)), ...reader.push(wire.subarray(2000))];
    expect(items[0]).toEqual({ kind: 'frame', type: grease, length: 5000, payload: new Uint8Array(0), skipped: true });
    expect(items.slice(1).map((i) => i.kind)).toEqual(['data']);
    expect(() => reader.end()).not.toThrow();
  });

  it.each([
    ['inside a frame header', '01', /inside a frame header/],
    ['inside a HEADERS payload', '0103 0000', /2 bytes into a 3-byte HEADERS frame/],
    ['inside a DATA payload', '0005 6869', /2 bytes into a 5-byte DATA frame/],
  ])('end() %s throws Http3FrameError', (_name, wire, message) => {
    const reader = createHttp3FrameReader({ maxFramePayload: 100 });
    reader.push(hex(wire));
    expect(() => reader.end()).toThrow(Http3FrameError);
    expect(() => reader.end()).toThrow(message);
  });

  it('end() at a frame boundary is fine', () => {
    const reader = createHttp3FrameReader({ maxFramePayload: 100 });
    reader.push(hex('0000 0100'));
    expect(() => reader.end()).not.toThrow();
  });
});

describe('names', () => {
  it.each([
    [0x0, 'DATA'], [0x1, 'HEADERS'], [0x3, 'CANCEL_PUSH'], [0x4, 'SETTINGS'], [0x5, 'PUSH_PROMISE'], [0x7, 'GOAWAY'],
    [0xd, 'MAX_PUSH_ID'], [0x21, 'reserved(0x21)'], [0x40, 'reserved(0x40)'], [0x2, 'reserved(0x2)'], [0x22, 'unknown(0x22)'],
  ])('frame type %d is %s', (type, name) => {
    expect(http3FrameTypeName(type)).toBe(name);
  });

  it('names settings, errors and stream types', () => {
    expect(http3SettingName(0x1)).toBe('SETTINGS_QPACK_MAX_TABLE_CAPACITY');
    expect(http3SettingName(0x6)).toBe('SETTINGS_MAX_FIELD_SECTION_SIZE');
    expect(http3SettingName(0x33)).toBe('SETTINGS_H3_DATAGRAM');
    expect(http3SettingName(0x5f)).toBe('reserved(0x5f)');
    expect(http3SettingName(0x9)).toBe('unknown(0x9)');
    expect(http3ErrorName(0x100)).toBe('H3_NO_ERROR');
    expect(http3ErrorName(0x10c)).toBe('H3_REQUEST_CANCELLED');
    expect(http3ErrorName(0x110)).toBe('H3_VERSION_FALLBACK');
    expect(http3ErrorName(0x200)).toBe('QPACK_DECOMPRESSION_FAILED');
    expect(http3ErrorName(0x202)).toBe('QPACK_DECODER_STREAM_ERROR');
    expect(http3ErrorName(0x111)).toBe('unknown(0x111)');
    expect(http3StreamTypeName(0x2)).toBe('QPACK_ENCODER');
    expect(http3StreamTypeName(0x21)).toBe('reserved(0x21)');
    expect(http3StreamTypeName(0x54)).toBe('unknown(0x54)');
  });
});
