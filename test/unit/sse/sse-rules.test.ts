// qurl sse's pure rules: reconnect back-off, durations, sizes, response checks, waits without leaked listeners,
// the idle timer, and the parser split at every boundary.
import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { parseMaxEventSize } from '../../../src/cli/to-sse-spec.js';
import { parseDuration } from '../../../src/cli/duration-arg.js';
import { createSseParser } from '../../../src/codec/index.js';
import { abortableSleep, checkSseResponse, clampServerRetry, linkedAbort, reconnectDelay, startIdleTimer } from '../../../src/sse/index.js';

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
    expect(parseDuration(text, '--for')).toBe(ms);
  });
  it('refuses nonsense', () => {
    expect(() => parseDuration('soon', '--for')).toThrow(/not a duration/);
  });
  it('refuses what a timer cannot wait (Node runs a delay over 2^31-1 ms after 1 ms)', () => {
    expect(parseDuration('596h', '--for')).toBe(2_145_600_000);
    expect(() => parseDuration('597h', '--for')).toThrow(/longer than 2147483647 ms/);
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

describe('reconnect back-off against hostile servers (issue 9)', () => {
  it("holds the server's retry: to 1 s … 1 h", () => {
    expect([0, 999, 1000, 400_000, 3_600_000, 99_999_999_999_999, Infinity].map(clampServerRetry)).toEqual([1000, 1000, 1000, 400_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it('backs off from a zero delay too, and a base above --max-backoff is never cut', () => {
    expect([1, 2, 3, 4, 16, 17].map((f) => reconnectDelay(0, f, 30_000, () => 1))).toEqual([0, 2, 4, 8, 30_000, 30_000]);
    expect(reconnectDelay(60_000, 3, 30_000, () => 1)).toBe(60_000);
  });

  it('retry: 0 from a server that drops at once: at most 4 connections in 5 s (1 s floor, doubling)', () => {
    let t = 0;
    let connections = 1;
    for (let failures = 1; ; failures++) {
      t += reconnectDelay(clampServerRetry(0), failures, 30_000, () => 0);
      if (t > 5000) break;
      connections++;
    }
    expect(connections).toBe(3);
  });
});

describe('--max-event-size', () => {
  it.each([[undefined, 4 * 1024 * 1024], ['1', 1], ['1k', 1024], ['4M', 4 * 1024 * 1024], ['64m', 64 * 1024 * 1024], ['512K', 512 * 1024]] as const)('%s → %i bytes', (arg, bytes) => {
    expect(parseMaxEventSize(arg)).toBe(bytes);
  });
  it.each(['0', '65M', '1G', '1.5M', 'big', '-1', '4MB'])('refuses %s', (arg) => {
    expect(() => parseMaxEventSize(arg)).toThrow(/--max-event-size needs a size/);
  });
});

describe('waits leave no abort listener behind (issue 9: one leaked per reconnect)', () => {
  it('abortableSleep removes its listener when the time is up and when aborted', async () => {
    const stop = new AbortController();
    for (let i = 0; i < 20; i++) await abortableSleep(1, stop.signal);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
    const pending = abortableSleep(60_000, stop.signal);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(1);
    stop.abort();
    await pending;
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  });

  it('linkedAbort follows its parent and detaches on dispose', () => {
    const parent = new AbortController();
    for (let i = 0; i < 20; i++) linkedAbort(parent.signal).dispose();
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
    const child = linkedAbort(parent.signal);
    parent.abort('why');
    expect(child.signal.aborted && child.signal.reason).toBe('why');
    const own = linkedAbort(new AbortController().signal);
    own.abort('mine');
    expect(own.signal.reason).toBe('mine');
  });
});

describe('startIdleTimer', () => {
  it('fires after the silence, and touches push it back without new timers', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      let fired = 0;
      const idle = startIdleTimer(1000, () => fired++);
      for (let i = 0; i < 10; i++) {
        vi.advanceTimersByTime(600);
        idle.touch();
      }
      expect(fired).toBe(0);
      vi.advanceTimersByTime(999);
      expect(fired).toBe(0);
      vi.advanceTimersByTime(1);
      expect(fired).toBe(1);
      idle.stop();
      const never = startIdleTimer(undefined, () => fired++);
      vi.advanceTimersByTime(10_000);
      never.stop();
      expect(fired).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
