// qurl bench's statistics: nearest-rank percentiles (h2load's and oha's), and a histogram that holds every value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../../src/bench/index.js';
import { latencyHistogram, latencyStats } from '../../../src/bench/index.js';

describe('latency statistics', () => {
  it('percentiles by nearest rank: 1..100 gives p50 50, p90 90, p99 99', () => {
    const s = latencyStats(Array.from({ length: 100 }, (_, i) => 100 - i))!;
    expect([s.min, s.p50, s.p90, s.p99, s.max, s.mean]).toEqual([1, 50, 90, 99, 100, 50.5]);
  });

  it('values a few ulps apart: buckets whose bounds round alike are merged, never two with the same bound', () => {
    expect(latencyHistogram([1, 1 + Number.EPSILON, 1])).toEqual([{ upTo: 1, count: 2 }, { upTo: 1 + Number.EPSILON, count: 1 }]);
    const subnormal = latencyHistogram([0, 3e-323]);
    expect(subnormal.map((b) => b.upTo)).toEqual([...new Set(subnormal.map((b) => b.upTo))].sort((a, b) => a - b));
    expect([subnormal[0]!.count, subnormal.at(-1)!.upTo, subnormal.at(-1)!.count]).toEqual([1, 3e-323, 1]);
    expect(latencyHistogram([2, 2, 2])).toEqual([{ upTo: 2, count: 3 }]);
  });

  it('ten equal-width buckets from the smallest to the largest value', () => {
    expect(latencyHistogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).map((b) => [b.upTo, b.count])).toEqual([[1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1], [7, 1], [8, 1], [9, 1], [10, 2]]);
  });

  it('one value is every statistic, with no spread', () => {
    expect(latencyStats([4.5])).toEqual({ count: 1, min: 4.5, mean: 4.5, stdev: 0, p50: 4.5, p90: 4.5, p99: 4.5, max: 4.5 });
    expect(latencyStats([])).toBeNull();
  });

  it('ten values: p99 is the largest, p90 the ninth', () => {
    const s = latencyStats([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])!;
    expect([s.p50, s.p90, s.p99]).toEqual([5, 9, 10]);
  });

  it('for any values: min ≤ p50 ≤ p90 ≤ p99 ≤ max, the mean between min and max; the histogram holds each once', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 500 }), (values) => {
        const s = latencyStats(values)!;
        expect(s.min).toBeLessThanOrEqual(s.p50);
        expect(s.p50).toBeLessThanOrEqual(s.p90);
        expect(s.p90).toBeLessThanOrEqual(s.p99);
        expect(s.p99).toBeLessThanOrEqual(s.max);
        expect(s.mean).toBeGreaterThanOrEqual(s.min - 1e-6);
        expect(s.mean).toBeLessThanOrEqual(s.max + 1e-6);
        const buckets = latencyHistogram(values);
        expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(values.length);
        expect(buckets[buckets.length - 1]!.upTo).toBe(s.max);
        for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.upTo).toBeGreaterThan(buckets[i - 1]!.upTo);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('qurl bench options', () => {
  it("takes h2load's -n -c -m -D and --rate, and leaves curl's options for the request", () => {
    const { load, rest } = parseBenchArgs(['-n', '50', '-c', '4', '-m', '10', '--rate=20', '-H', 'X: y', '-k', 'https://h/']);
    expect(load).toEqual({ requests: 50, clients: 4, streams: 10, durationMs: undefined, rate: 20, json: false });
    expect(rest).toEqual(['-H', 'X: y', '-k', 'https://h/']);
    expect(parseBenchArgs(['-D', '1.5s', 'u']).load.durationMs).toBe(1500);
    expect(parseBenchArgs(['--duration', '2m', 'u']).load.durationMs).toBe(120_000);
    expect(parseBenchArgs(['-D', '250ms', 'u']).load.durationMs).toBe(250);
  });

  it.each([
    [['-n', '0', 'u'], "option -n: expected a whole number of at least 1, got \"0\" (try 'qurl bench --help')"],
    [['-c'], "option -c: expected a whole number of at least 1, got nothing (try 'qurl bench --help')"],
    [['-D', 'soon', 'u'], "option -D: expected a duration such as 10s, 500ms or 2m, got \"soon\" (try 'qurl bench --help')"],
    [['--rate', '-1', 'u'], "option --rate: expected requests per second above 0, got \"-1\" (try 'qurl bench --help')"],
    [['-o', 'f', 'u'], "option -o: qurl bench writes no bodies, traces or per-request output; it reports the run as a whole (--json for scripts) (try 'qurl bench --help')"],
  ])('%j is refused with a one-line reason', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
