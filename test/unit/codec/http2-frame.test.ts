// HTTP/2 frame codec (RFC 9113): splitting at any boundary, every payload kind, malformed input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_PREFACE, FLAG, FRAME_TYPE, createFrameSplitter, encodeFrame, errorCodeName, flagNames, frameTypeName, parseFramePayload,
} from '../../../src/codec/index.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

describe('HTTP/2 frames', () => {
  it('parses a client preface then SETTINGS, as a client first sends them', () => {
    const settings = hex('000012 04 00 00000000 0001 00001000 0002 00000000 0004 0000ffff');
    const frames = createFrameSplitter(true).push(Buffer.concat([CLIENT_PREFACE, settings]));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ length: 18, type: FRAME_TYPE.SETTINGS, flags: 0, streamId: 0 });
    expect(parseFramePayload(frames[0]!)).toEqual({ kind: 'settings', settings: [[1, 4096], [2, 0], [4, 65535]] });
  });

  it('gives the same frames however the bytes are split (property)', () => {
    const stream = Buffer.concat([
      encodeFrame(FRAME_TYPE.HEADERS, FLAG.END_HEADERS, 1, hex('8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d')),
      encodeFrame(FRAME_TYPE.DATA, FLAG.END_STREAM, 1, Buffer.from('hello')),
      encodeFrame(FRAME_TYPE.PING, 0, 0, hex('0102030405060708')),
    ]);
    const whole = createFrameSplitter(false).push(stream);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 8 }), (cuts) => {
        const s = createFrameSplitter(false);
        const got = [];
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          got.push(...s.push(stream.subarray(from, cut)));
          from = cut;
        }
        got.push(...s.push(stream.subarray(from)));
        return JSON.stringify(got) === JSON.stringify(whole) && s.pending() === 0;
      }),
    );
  });

  it.each([
    [FRAME_TYPE.DATA, FLAG.PADDED | FLAG.END_STREAM, hex('02 6869 0000'), { kind: 'data', dataLength: 2, padLength: 2 }],
    [FRAME_TYPE.HEADERS, FLAG.PRIORITY | FLAG.END_HEADERS, hex('80000003 0f 82'), { kind: 'headers', block: hex('82'), padLength: 0, priority: { exclusive: true, dependency: 3, weight: 16 } }],
    [FRAME_TYPE.PRIORITY, 0, hex('00000001 ff'), { kind: 'priority', priority: { exclusive: false, dependency: 1, weight: 256 } }],
    [FRAME_TYPE.RST_STREAM, 0, hex('00000008'), { kind: 'rst-stream', errorCode: 8 }],
    [FRAME_TYPE.GOAWAY, 0, hex('00000005 0000000b 6869'), { kind: 'goaway', lastStreamId: 5, errorCode: 11, debug: hex('6869') }],
    [FRAME_TYPE.WINDOW_UPDATE, 0, hex('80010000'), { kind: 'window-update', increment: 65536 }],
    [FRAME_TYPE.PUSH_PROMISE, FLAG.END_HEADERS, hex('00000002 82'), { kind: 'push-promise', promisedStreamId: 2, block: hex('82'), padLength: 0 }],
    [FRAME_TYPE.CONTINUATION, FLAG.END_HEADERS, hex('82'), { kind: 'continuation', block: hex('82') }],
    [0x42, 0, hex('00'), { kind: 'unknown' }],
  ])('type %i flags %i', (type, flags, payload, expected) => {
    const [frame] = createFrameSplitter(false).push(encodeFrame(type, flags, 1, payload));
    expect(parseFramePayload(frame!)).toEqual(expected);
  });

  it.each([
    [FRAME_TYPE.PING, 0, hex('01')],
    [FRAME_TYPE.SETTINGS, 0, hex('0001')],
    [FRAME_TYPE.SETTINGS, FLAG.ACK, hex('000100001000')],
    [FRAME_TYPE.RST_STREAM, 0, hex('00')],
    [FRAME_TYPE.DATA, FLAG.PADDED, hex('05 00')],
    [FRAME_TYPE.GOAWAY, 0, hex('0000')],
    [FRAME_TYPE.WINDOW_UPDATE, 0, hex('000001')],
    [FRAME_TYPE.HEADERS, FLAG.PRIORITY, hex('0000')],
  ])('type %i flags %i with a bad payload is malformed, not an exception', (type, flags, payload) => {
    const [frame] = createFrameSplitter(false).push(encodeFrame(type, flags, 0, payload));
    expect(parseFramePayload(frame!).kind).toBe('malformed');
  });

  it('names types, flags and error codes as nghttp does', () => {
    expect(frameTypeName(FRAME_TYPE.WINDOW_UPDATE)).toBe('WINDOW_UPDATE');
    expect(frameTypeName(0x42)).toBe('UNKNOWN(0x42)');
    expect(flagNames(FRAME_TYPE.HEADERS, 0x25)).toEqual(['END_STREAM', 'END_HEADERS', 'PRIORITY']);
    expect(flagNames(FRAME_TYPE.SETTINGS, 0x1)).toEqual(['ACK']);
    expect(errorCodeName(1)).toBe('PROTOCOL_ERROR');
    expect(errorCodeName(0xff)).toBe('UNKNOWN_ERROR(0xff)');
  });

  it('never throws on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        for (const f of createFrameSplitter(false).push(bytes)) parseFramePayload(f);
        return true;
      }),
    );
  });
});
