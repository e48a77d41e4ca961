// -C's verdict on a server's answer, -J's file names, and the parsing of -r, -C, -z and the speed options.
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispositionFileName } from '../../../src/engine/content-disposition.js';
import { resumedBody, resumeOffsetFor } from '../../../src/engine/resume.js';
import { limitRate, rangeHeader, resumeOffset, speedLimit, timeCondition } from '../../../src/cli/transfer-control-args.js';
import type { ResponseHead } from '../../../src/transport/index.js';

const head = (status: number, headers: [string, string][] = []): ResponseHead => ({ version: '1.1', status, statusText: '', headers, raw: new Uint8Array(), informational: [] }) as unknown as ResponseHead;

describe('resumedBody', () => {
  it('appends a 206 that starts at the offset, and refuses one that starts elsewhere (33)', () => {
    expect(resumedBody(head(206, [['Content-Range', 'bytes 10-35/36']]), 10, 26)).toBe('append');
    expect(() => resumedBody(head(206, [['Content-Range', 'bytes 0-35/36']]), 10, 36)).toThrow(expect.objectContaining({ exitCode: 33 }));
  });
  it('a 416, or a whole body the size of what is there, means the file is complete; another 200 cannot resume', () => {
    expect(resumedBody(head(416), 36, 0)).toBe('skip');
    expect(resumedBody(head(200), 36, 36)).toBe('skip');
    expect(() => resumedBody(head(200), 5, 36)).toThrow(/doesn't seem to support byte ranges/);
  });
  it('-C - takes the file size, 0 without a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qurl-resume-'));
    writeFileSync(join(dir, 'f'), '12345');
    expect(resumeOffsetFor('auto', join(dir, 'f'))).toBe(5);
    expect(resumeOffsetFor('auto', join(dir, 'none'))).toBe(0);
    expect(resumeOffsetFor('auto', null)).toBe(0);
    expect(resumeOffsetFor(7, null)).toBe(7);
  });
});

describe('dispositionFileName', () => {
  it.each([
    ['attachment; filename="file name.txt"', 'file name.txt'],
    ['attachment; filename=plain.bin', 'plain.bin'],
    ["attachment; filename*=UTF-8''na%C3%AFve.txt; filename=\"fallback.txt\"", 'naïve.txt'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\Windows\\\\evil.dll"', 'evil.dll'],
    ['attachment; filename="/abs/path.txt"', 'path.txt'],
    ['attachment; filename=".."', undefined],
    ['attachment', undefined],
  ])('%s → %s', (header, name) => {
    expect(dispositionFileName(header)).toBe(name);
  });
  it('never gives a name with a slash, a control character, or a way up', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const name = dispositionFileName(`attachment; filename="${s.replace(/["\\]/g, '')}"`);
        return name === undefined || (!/[/\\\x00-\x1f]/.test(name) && name !== '..' && name !== '.');
      }),
    );
  });
});

describe('the options', () => {
  it('-r is sent as given; curl warns about anything but digits, - and ,', () => {
    const warnings: string[] = [];
    expect(rangeHeader('0-499', (w) => warnings.push(w))).toEqual({ name: 'Range', value: 'bytes=0-499', mode: 'set' });
    expect(rangeHeader('0-0,-1', (w) => warnings.push(w))?.value).toBe('bytes=0-0,-1');
    expect(warnings).toEqual([]);
    rangeHeader('abc', (w) => warnings.push(w));
    expect(warnings[0]).toMatch(/Invalid character is found in given range/);
    expect(() => rangeHeader('1-2\r\nX: y', () => {})).toThrow(/CR or LF/);
  });
  it('-C takes a byte count or -', () => {
    expect(resumeOffset('100')).toBe(100);
    expect(resumeOffset('-')).toBe('auto');
    expect(() => resumeOffset('x')).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
  it('-z takes a date, -date, or a file time; anything else is a warning and no condition', () => {
    expect(timeCondition('Wed, 21 Oct 2015 07:28:00 GMT', () => {})).toEqual({ header: 'If-Modified-Since', date: new Date('2015-10-21T07:28:00Z') });
    expect(timeCondition('-20151021 07:28:00 GMT', () => {})?.header).toBe('If-Unmodified-Since');
    const file = join(mkdtempSync(join(tmpdir(), 'qurl-z-')), 'ref');
    writeFileSync(file, '');
    utimesSync(file, new Date('2016-01-01T00:00:00Z'), new Date('2016-01-01T00:00:00Z'));
    expect(timeCondition(file, () => {})?.date.toISOString()).toBe('2016-01-01T00:00:00.000Z');
    const warnings: string[] = [];
    expect(timeCondition('nonsense', (w) => warnings.push(w))).toBeUndefined();
    expect(warnings[0]).toMatch(/Illegal date format for -z/);
  });
  it('--limit-rate takes k/M/G; the speed options default each other as curl', () => {
    expect(limitRate('100k')).toBe(102_400);
    expect(limitRate('0')).toBeUndefined();
    expect(speedLimit(1000, undefined)).toEqual({ bytesPerSecond: 1000, seconds: 30 });
    expect(speedLimit(undefined, 5)).toEqual({ bytesPerSecond: 1, seconds: 5 });
    expect(speedLimit(undefined, undefined)).toBeUndefined();
  });
});
