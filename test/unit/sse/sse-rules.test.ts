// qurl sse's pure rules: reconnect back-off, durations, response checks, and the parser split at every boundary.
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../src/cli/to-sse-spec.js';
import { createSseParser } from '../../../src/codec/index.js';
import { checkSseResponse, reconnectDelay } from '../../../src/sse/index.js';

describe('reconnectDelay', () => {
  it('uses the retry delay, then doubles per failure up to the cap, with at most 20% jitter off', () => {
    expect(reconnectDelay(3000, 0, 30_000)).toBe(3000);
    expect(reconnectDelay(3000, 1, 30_000)).toBe(3000);
    expect(reconnectDelay(1000, 2, 30_000, () => 1)).toBe(2000);
    expect(reconnectDelay(1000, 3, 30_000, () => 0)).toBe(3200);
    expect(reconnectDelay(1000, 10, 5000, () => 1)).toBe(5000);
  });
});

describe('--for durations', () => {
  it.each([['500ms', 500], ['10s', 10_000], ['2m', 120_000], ['1h', 3_600_000], ['3', 3000], ['1.5s', 1500]] as const)('%s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it('refuses nonsense', () => {
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });
});

describe('checkSseResponse', () => {
  it.each([
    [200, 'text/event-stream', 'stream'],
    [200, 'text/event-stream; charset=utf-8', 'stream'],
    [204, '', 'stop'],
  ] as const)('%i %s → %s', (status, type, expected) => {
    expect(checkSseResponse({ status, headers: type ? [['Content-Type', type]] : [] })).toBe(expected);
  });
  it.each([[200, 'text/plain'], [200, 'text/event-streamer'], [404, 'text/event-stream']] as const)('%i %s fails', (status, type) => {
    expect(() => checkSseResponse({ status, headers: [['content-type', type]] })).toThrow(/no reconnect/);
  });
});

describe('SSE parser split at every byte boundary', () => {
  it('gives the same items for each single split point', () => {
    const stream = Buffer.from('\uFEFFid: 1\r\nevent: é\r\ndata: a\r\ndata: 😀\r\n\r\n: c\rretry: 9\n\ndata: z\r\n\r\n', 'utf8');
    const whole = (() => {
      const p = createSseParser();
      return JSON.stringify([...p.push(stream), ...p.end()]);
    })();
    for (let cut = 1; cut < stream.length; cut++) {
      const p = createSseParser();
      expect(JSON.stringify([...p.push(stream.subarray(0, cut)), ...p.push(stream.subarray(cut)), ...p.end()]), `split at ${cut}`).toBe(whole);
    }
  });
});
