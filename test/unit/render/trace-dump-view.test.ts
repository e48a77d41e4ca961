import { describe, expect, it } from 'vitest';
import { dumpBytes } from '../../../src/render/index.js';

describe('dumpBytes (curl tool_cb_dbg.c layout)', () => {
  const head = Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r\n');

  it('hex mode: 16 bytes a row, hex then ASCII', () => {
    expect(dumpBytes('=> Send header', head, false)).toBe(
      '=> Send header, 27 bytes (0x1b)\n' +
        '0000: 47 45 54 20 2f 20 48 54 54 50 2f 31 2e 31 0d 0a GET / HTTP/1.1..\n' +
        '0010: 48 6f 73 74 3a 20 61 0d 0a 0d 0a                Host: a....\n',
    );
  });

  it('ascii mode breaks rows at CRLF', () => {
    expect(dumpBytes('=> Send header', head, true)).toBe('=> Send header, 27 bytes (0x1b)\n0000: GET / HTTP/1.1\n0010: Host: a\n0019: \n');
  });

  it('ascii mode wraps long lines at 64 characters', () => {
    const long = Buffer.from('x'.repeat(70));
    expect(dumpBytes('<= Recv data', long, true)).toBe(`<= Recv data, 70 bytes (0x46)\n0000: ${'x'.repeat(64)}\n0040: xxxxxx\n`);
  });
});

describe('--trace-time stamps', () => {
  it("stamp the event's own time to the microsecond, as curl does", async () => {
    const { timestamp } = await import('../../../src/render/trace-dump-view.js');
    const { now } = await import('../../../src/trace/index.js');
    const t = now();
    const a = timestamp(t);
    const b = timestamp(t + 1_000n);
    const c = timestamp(t + 250_000n);
    expect(a).toMatch(/^\d\d:\d\d:\d\d\.\d{6} $/);
    const micros = (s: string): number => Number(s.slice(9, 15));
    expect((micros(b) - micros(a) + 1_000_000) % 1_000_000).toBe(1);
    expect((micros(c) - micros(a) + 1_000_000) % 1_000_000).toBe(250);
  });
});
