// The HTTP/3 lines of the frame trace: frames, stream types, QPACK instructions, dynamic-table references.
import { describe, expect, it } from 'vitest';
import { formatH3Frame } from '../../../src/render/index.js';
import type { H3FrameDetail, TraceEvent } from '../../../src/trace/index.js';

const event = (frameType: number | null, length: number, detail: H3FrameDetail, streamId = 0): Extract<TraceEvent, { type: 'h3-frame' }> => ({
  type: 'h3-frame', t: 1_234_000_000n, transferId: 0, connId: 0, streamId, source: 'h3', direction: 'recv', frameType, length, detail,
});

describe('formatH3Frame', () => {
  it('HEADERS: the QPACK prefix, then fields; dynamic references say how they were carried', () => {
    const text = formatH3Frame(event(0x1, 12, {
      kind: 'headers', requiredInsertCount: 2, base: 2,
      fields: [[':status', '200', 'indexed-static 25'], ['x-custom', 'v', 'indexed-dynamic 1'], ['server', 'peer', 'literal-post-base-name 2']],
    }, 4));
    expect(text).toBe([
      '[  1.234] recv HEADERS frame <length=12, stream_id=4>',
      '          ; QPACK required_insert_count=2, base=2',
      '          :status: 200',
      '          x-custom: v ; indexed-dynamic 1',
      '          server: peer ; literal-post-base-name 2',
    ].join('\n'));
  });

  it('SETTINGS, GOAWAY, unknown and malformed frames', () => {
    expect(formatH3Frame(event(0x4, 4, { kind: 'settings', settings: [[0x1, 0], [0x7, 0]] }, 3))).toBe(
      '[  1.234] recv SETTINGS frame <length=4, stream_id=3>\n          [SETTINGS_QPACK_MAX_TABLE_CAPACITY(0x01):0]\n          [SETTINGS_QPACK_BLOCKED_STREAMS(0x07):0]',
    );
    expect(formatH3Frame(event(0x7, 1, { kind: 'id', id: 8 }, 3))).toBe('[  1.234] recv GOAWAY frame <length=1, stream_id=3>\n          (id=8)');
    expect(formatH3Frame(event(0x21, 3, { kind: 'unknown' }))).toBe('[  1.234] recv reserved(0x21) frame <length=3, stream_id=0>');
    expect(formatH3Frame(event(0x4, 1, { kind: 'malformed', reason: 'truncated' }, 3))).toMatch(/\n {10}; MALFORMED: truncated$/);
  });

  it('a new stream names its type; QPACK encoder instructions stand on their own line', () => {
    expect(formatH3Frame(event(null, 0, { kind: 'stream-type', streamType: 0x2 }, 7))).toBe('[  1.234] recv stream 7 opened: QPACK_ENCODER');
    expect(formatH3Frame(event(null, 0, { kind: 'qpack', instruction: 'Set Dynamic Table Capacity 220' }, 7))).toBe(
      '[  1.234] recv QPACK Set Dynamic Table Capacity 220 <stream_id=7>',
    );
  });
});
