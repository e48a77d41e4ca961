// curl's progress-meter fields (lib/progress.c) and lines, checked against lines curl 7.88 printed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barLine, max5data, meterLine, parallelLine, time2str } from '../../../src/render/progress/index.js';

describe('max5data', () => {
  it.each([
    [0, '    0'], [99_999, '99999'], [100_000, '  97k'], [10_239_999, '9999k'], [10_240_000, ' 9.7M'],
    [104_857_599, '99.9M'], [104_857_600, ' 100M'], [10_485_760_000, ' 9.7G'], [1_099_511_627_776, ' 1024G'.slice(1)],
  ])('%d → %s', (n, text) => {
    expect(max5data(n)).toBe(text);
  });
  it('is always five characters', () => {
    fc.assert(fc.property(fc.nat(2 ** 52), (n) => max5data(n).length === 5));
  });
});

describe('time2str', () => {
  it.each([[0, '--:--:--'], [1, ' 0:00:01'], [3661, ' 1:01:01'], [99 * 3600 + 59, '99:00:59'], [100 * 3600, '  4d 04h'], [1000 * 86400, '   1000d']])('%d → %s', (s, text) => {
    expect(time2str(s)).toBe(text);
  });
});

describe('lines', () => {
  it("a finished 256 KiB download, as curl's meter shows it", () => {
    const line = meterLine({ downloaded: 262_144, uploaded: 0, downloadSize: 262_144, uploadSize: null, elapsed: 1.2, currentSpeed: 208_000 });
    expect(line).toBe('100  256k  100  256k    0     0   213k      0  0:00:01  0:00:01 --:--:--  203k');
  });
  it('the first line, before anything arrived', () => {
    expect(meterLine({ downloaded: 0, uploaded: 0, downloadSize: null, uploadSize: null, elapsed: 0, currentSpeed: 0 })).toBe('  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0');
  });
  it('an upload half way, with the time left estimated', () => {
    expect(meterLine({ downloaded: 0, uploaded: 50_000, downloadSize: null, uploadSize: 100_000, elapsed: 5, currentSpeed: 10_000 })).toBe(' 50   97k    0     0   50 50000      0  10000  0:00:10  0:00:05  0:00:05 10000');
  });
  it("-Z's summary", () => {
    expect(parallelLine({ downloaded: 614_400, uploaded: 0, downloadSize: 614_400, uploadSize: null, transfers: 2, live: 0, elapsed: 2, currentSpeed: 300_000 })).toBe('100  --  600k     0     2     0   0:00:02  0:00:02 --:--:--  292k');
  });
  it('the bar fills its width and ends with the percentage', () => {
    expect(barLine(50, 100, 27, 0)).toBe(`${'#'.repeat(10)}${' '.repeat(10)}  50.0%`);
    expect(barLine(100, 100, 27, 0)).toBe(`${'#'.repeat(20)} 100.0%`);
    expect(barLine(5, null, 27, 3)).toBe('   #=#=#            ');
  });
});
