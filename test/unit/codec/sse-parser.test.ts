// The event-stream parser against the WHATWG spec's own examples (HTML §9.2.6) and chunking properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseItem } from '../../../src/codec/index.js';

function parse(text: string | Uint8Array): SseItem[] {
  const p = createSseParser();
  return [...p.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : text), ...p.end()];
}
const events = (items: SseItem[]) => items.filter((i) => i.kind === 'event').map((e) => (e.kind === 'event' ? { event: e.event, data: e.data, id: e.id } : null));

describe('SSE parser: the spec examples', () => {
  it('multi-line data joined with LF', () => {
    expect(events(parse('data: YHOO\ndata: +2\ndata: 10\n\n'))).toEqual([{ event: 'message', data: 'YHOO\n+2\n10', id: '' }]);
  });

  it('comments, ids that persist and reset, one leading space stripped, no dispatch at end of stream', () => {
    const items = parse(': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n');
    expect(events(items)).toEqual([
      { event: 'message', data: 'first event', id: '1' },
      { event: 'message', data: 'second event', id: '' },
    ]);
    expect(items[0]).toEqual({ kind: 'comment', text: 'test stream' });
  });

  it('empty data fields, and a last block without its blank line discarded', () => {
    expect(events(parse('data\n\ndata\ndata\n\ndata:'))).toEqual([
      { event: 'message', data: '', id: '' },
      { event: 'message', data: '\n', id: '' },
    ]);
  });

  it('"data:test" and "data: test" are the same', () => {
    expect(events(parse('data:test\n\ndata: test\n\n'))).toEqual([
      { event: 'message', data: 'test', id: '' },
      { event: 'message', data: 'test', id: '' },
    ]);
  });
});

describe('SSE parser rules', () => {
  it('CR, LF and CRLF line ends; a leading BOM dropped once', () => {
    expect(events(parse('\uFEFFevent: a\rdata: 1\r\rdata: 2\r\n\r\ndata: 3\n\n'))).toEqual([
      { event: 'a', data: '1', id: '' },
      { event: 'message', data: '2', id: '' },
      { event: 'message', data: '3', id: '' },
    ]);
    expect(events(parse('\uFEFF\uFEFFdata: x\n\n'))).toEqual([]);
  });

  it('retry only when all ASCII digits; id with NULL ignored; unknown fields ignored', () => {
    const items = parse('retry: 1500\nretry: 15x\nretry: -1\nid: a\0b\nfoo: bar\ndata: d\n\n');
    expect(items.filter((i) => i.kind === 'retry')).toEqual([{ kind: 'retry', ms: 1500 }]);
    expect(events(items)).toEqual([{ event: 'message', data: 'd', id: '' }]);
  });

  it('a block with only an event name dispatches nothing and does not leak the name', () => {
    expect(events(parse('event: x\n\ndata: y\n\n'))).toEqual([{ event: 'message', data: 'y', id: '' }]);
  });

  it('the initial Last-Event-ID is reported until the stream changes it', () => {
    const p = createSseParser('41');
    expect(p.push(Buffer.from('data: a\n\n'))).toEqual([{ kind: 'event', event: 'message', data: 'a', id: '41' }]);
    p.push(Buffer.from('id: 42\n\n'));
    expect(p.lastEventId()).toBe('42');
  });

  it('split at every byte boundary, the same events (property)', () => {
    const stream = Buffer.from('\uFEFF: hi\r\nevent: tick\r\ndata: é€😀\r\nid: 7\r\n\r\ndata: a\rdata: b\r\rretry: 20\n\ndata: z\n\n', 'utf8');
    const whole = parse(stream);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 12 }), (cuts) => {
        const p = createSseParser();
        const got: SseItem[] = [];
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          got.push(...p.push(stream.subarray(from, cut)));
          from = cut;
        }
        got.push(...p.push(stream.subarray(from)), ...p.end());
        return JSON.stringify(got) === JSON.stringify(whole);
      }),
      { numRuns: 500 },
    );
    expect(events(whole)).toEqual([
      { event: 'tick', data: 'é€😀', id: '7' },
      { event: 'message', data: 'a\nb', id: '7' },
      { event: 'message', data: 'z', id: '7' },
    ]);
  });
});

describe('SSE parser bounds (issue 9, hostile servers)', () => {
  const push = (p: ReturnType<typeof createSseParser>, text: string): SseItem[] => p.push(Buffer.from(text, 'latin1'));

  it('an event may hold exactly maxEventSize bytes of data lines; one byte more ends the stream with too-large', () => {
    // 'data: 1234' is 10 bytes, two of them 20.
    expect(events(push(createSseParser('', 20), 'data: 1234\ndata: 5678\n\n'))).toEqual([{ event: 'message', data: '1234\n5678', id: '' }]);
    const p = createSseParser('', 19);
    expect(push(p, 'data: ok\n\ndata: 1234\ndata: 5678\n\n')).toEqual([
      { kind: 'event', event: 'message', data: 'ok', id: '' },
      { kind: 'too-large', limit: 19 },
    ]);
    expect(push(p, 'data: later\n\n')).toEqual([]);
    expect(p.end()).toEqual([]);
  });

  it('the line being read counts: an unfinished line fails as soon as it passes the bound', () => {
    const p = createSseParser('', 1000);
    expect(push(p, 'data: a\n\n: ')).toEqual([{ kind: 'event', event: 'message', data: 'a', id: '' }]);
    // ': ' and 998 bytes: 1000, at the bound; the next byte passes it.
    expect(push(p, 'x'.repeat(998))).toEqual([]);
    expect(push(p, 'x')).toEqual([{ kind: 'too-large', limit: 1000 }]);
  });

  it('comments, ids and event names are not kept, so endless comments never fail', () => {
    const p = createSseParser('', 64);
    for (let i = 0; i < 1000; i++) expect(push(p, `: keepalive ${i}\nid: ${i}\nevent: e${i}\n`)).toHaveLength(1);
    expect(push(p, 'data: d\n\n')).toEqual([{ kind: 'event', event: 'e999', data: 'd', id: '999' }]);
  });

  it('an id with U+0000 is ignored, also when the NUL arrives in a chunk of its own', () => {
    const p = createSseParser('7');
    push(p, 'id: a');
    push(p, '\0');
    expect(push(p, 'b\ndata: x\n\n')).toEqual([{ kind: 'event', event: 'message', data: 'x', id: '7' }]);
  });

  it('a 32 MB line in 64 KiB chunks is scanned once: linear, not a rescan from its start per chunk', () => {
    const p = createSseParser('', 64 * 1024 * 1024);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const started = performance.now();
    p.push(Buffer.from('data: '));
    for (let i = 0; i < 512; i++) p.push(chunk);
    const [event] = p.push(Buffer.from('\n\n'));
    expect(event?.kind === 'event' && event.data.length).toBe(32 * 1024 * 1024);
    // Linear is well under a second here; the old rescan took minutes for this input.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
