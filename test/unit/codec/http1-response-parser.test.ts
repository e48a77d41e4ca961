// The HTTP/1.x response parser: RFC 9112's framing rules, what curl reads leniently (bare LF, folding), and the
// same events however the bytes arrive.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHttp1ResponseParser, Http1ParseError, type Http1ExchangeOptions, type Http1ParseEvent } from '../../../src/codec/index.js';

interface Outcome {
  heads: { status: number; version: string; fields: readonly (readonly [string, string])[]; framing: string | null; length: number | null }[];
  body: string;
  trailers: readonly (readonly [string, string])[] | null;
  reusable: boolean | null;
  excess: number;
}

function collect(events: Http1ParseEvent[], into: Outcome): void {
  for (const e of events) {
    if (e.type === 'head') into.heads.push({ status: e.head.status, version: e.head.version, fields: e.head.fields, framing: e.framing, length: e.length });
    else if (e.type === 'body') into.body += Buffer.from(e.bytes).toString('latin1');
    else {
      into.trailers = e.trailers;
      into.reusable = e.reusable;
    }
  }
}

/** Feeds `reply` in pieces cut at `cuts`, then the end of the connection when `eof`. */
function parse(reply: string, options: Partial<Http1ExchangeOptions> = {}, { cuts = [] as number[], eof = true } = {}): Outcome {
  const parser = createHttp1ResponseParser({ method: 'GET', ...options });
  const out: Outcome = { heads: [], body: '', trailers: null, reusable: null, excess: 0 };
  const bytes = Buffer.from(reply, 'latin1');
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b).filter((c) => c > 0 && c < bytes.length)) {
    collect(parser.push(bytes.subarray(at, cut)), out);
    at = cut;
  }
  collect(parser.push(bytes.subarray(at)), out);
  if (eof && !parser.done) collect(parser.finish(), out);
  out.excess = parser.excess;
  return out;
}

function failure(reply: string, options: Partial<Http1ExchangeOptions> = {}): Http1ParseError {
  try {
    parse(reply, options);
  } catch (err) {
    if (err instanceof Http1ParseError) return err;
    throw err;
  }
  throw new Error('parsed without an error');
}

describe('HTTP/1.x response framing (RFC 9112 §6.3)', () => {
  it('Content-Length: exactly that many bytes, the connection reusable', () => {
    const r = parse('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello', {}, { eof: false });
    expect(r.heads).toEqual([{ status: 200, version: '1.1', fields: [['Content-Length', '5']], framing: 'length', length: 5 }]);
    expect([r.body, r.reusable]).toEqual(['hello', true]);
  });

  it('bytes after the end are excess, not body', () => {
    const r = parse('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA', {}, { eof: false });
    expect([r.body, r.excess]).toEqual(['ok', 5]);
  });

  it('chunked: sizes in hex, extensions ignored, trailers kept', () => {
    const r = parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=v\r\nhello\r\nA\r\n, world!!!\r\n0\r\nX-Checksum: abc\r\n\r\n', {}, { eof: false });
    expect([r.body, r.trailers, r.reusable]).toEqual(['hello, world!!!', [['X-Checksum', 'abc']], true]);
    expect(r.heads[0]!.framing).toBe('chunked');
  });

  it('--raw: chunked bodies come out with their framing, the end still found', () => {
    const reply = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n';
    const r = parse(reply, { raw: true }, { eof: false });
    expect([r.body, r.reusable]).toEqual(['2\r\nok\r\n0\r\n\r\n', true]);
  });

  it('Transfer-Encoding wins over Content-Length, and the connection is not reused (§6.3 ¶3)', () => {
    const r = parse('HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n', {}, { eof: false });
    expect([r.body, r.reusable]).toEqual(['ok', false]);
  });

  it('no length: the body ends with the connection', () => {
    const r = parse('HTTP/1.1 200 OK\r\n\r\nuntil the end');
    expect([r.body, r.reusable, r.heads[0]!.framing]).toEqual(['until the end', false, 'close']);
  });

  it('--ignore-content-length reads to the end, the announced length still reported', () => {
    const r = parse('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokay', { ignoreContentLength: true });
    expect([r.body, r.heads[0]!.length, r.heads[0]!.framing]).toEqual(['okay', 2, 'close']);
  });

  it.each([
    ['HEAD', 200],
    ['GET', 204],
    ['GET', 304],
  ])('%s answered %i has no body whatever it announces', (method, status) => {
    const r = parse(`HTTP/1.1 ${status} X\r\nContent-Length: 10\r\n\r\n`, { method }, { eof: false });
    expect([r.body, r.reusable, r.heads[0]!.framing]).toEqual(['', true, 'none']);
  });

  it('interim heads (100, 103) come first, then the final one', () => {
    const r = parse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', {}, { eof: false });
    expect(r.heads.map((h) => [h.status, h.framing])).toEqual([[100, null], [103, null], [200, 'length']]);
    expect(r.body).toBe('ok');
  });

  it('101 Switching Protocols: what follows is the new protocol\'s, passed through', () => {
    const r = parse('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x02hi');
    expect([r.heads[0]!.status, r.body, r.reusable]).toEqual([101, '\x81\x02hi', false]);
  });

  it('persistence: 1.1 unless Connection: close; 1.0 only with keep-alive; never when the request closes', () => {
    const reusable = (head: string, options: Partial<Http1ExchangeOptions> = {}): boolean | null => parse(`${head}\r\nContent-Length: 0\r\n\r\n`, options, { eof: false }).reusable;
    expect(reusable('HTTP/1.1 200 OK')).toBe(true);
    expect(reusable('HTTP/1.1 200 OK\r\nConnection: Close')).toBe(false);
    expect(reusable('HTTP/1.0 200 OK')).toBe(false);
    expect(reusable('HTTP/1.0 200 OK\r\nConnection: keep-alive')).toBe(true);
    expect(reusable('HTTP/1.1 200 OK', { requestCloses: true })).toBe(false);
  });
});

describe('what curl reads that a strict parser refuses', () => {
  it('bare-LF line ends (RFC 9112 §2.2)', () => {
    const r = parse('HTTP/1.1 200 OK\nContent-Length: 2\nX-A: b\n\nok', {}, { eof: false });
    expect(r.heads[0]!.fields).toEqual([['Content-Length', '2'], ['X-A', 'b']]);
    expect(r.body).toBe('ok');
  });

  it('obsolete line folding joins with one space (RFC 9112 §5.2)', () => {
    const r = parse('HTTP/1.1 200 OK\r\nX-Long: one\r\n  two\r\n\tthree\r\nContent-Length: 0\r\n\r\n', {}, { eof: false });
    expect(r.heads[0]!.fields).toEqual([['X-Long', 'one two three'], ['Content-Length', '0']]);
  });

  it('a status line without a reason phrase, and one whose reason has spaces', () => {
    expect(parse('HTTP/1.1 204\r\n\r\n', {}, { eof: false }).heads[0]!.status).toBe(204);
    expect(parse('HTTP/1.1 404 Not Found Here\r\nContent-Length: 0\r\n\r\n', {}, { eof: false }).heads[0]!.status).toBe(404);
  });

  it('--http0.9: a reply without a status line is the body', () => {
    const r = parse('hello world', { allowHttp09: true });
    expect([r.heads[0]!.version, r.body]).toEqual(['0.9', 'hello world']);
  });
});

describe('what it refuses, with curl\'s words', () => {
  it.each([
    ['HTTX/1.1 200 OK\r\n\r\n', 'not-http', /^the reply does not start with an HTTP status line: "HTTX\/1\.1 200 OK"$/],
    ['hello', 'not-http', /does not start with an HTTP status line: "hello"$/],
    ['HTTP/1.1 2000 OK\r\n\r\n', 'bad-status', /no three-digit status code/],
    ['HTTP/1.1 200 OK\r\nFoo\r\n\r\n', 'no-colon', /header line without a colon: "Foo"/],
    ['HTTP/1.1 200 OK\r\nX: a\0b\r\n\r\n', 'nul', /NUL byte/],
    ['HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n', 'bare-cr', /CR without LF/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nokk', 'conflicting-content-length', /conflicting Content-Length values \(2 and 3\)/],
    ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', 'bad-content-length', /invalid Content-Length/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n', 'bad-chunk', /^Illegal or missing hexadecimal sequence in chunked-encoding$/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n0\r\n\r\n', 'bad-chunk-end', /^Malformed encoding found in chunked-encoding$/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n', 'bad-chunk', /hexadecimal/],
    ['', 'empty', /^Empty reply from server$/],
    ['HTTP/1.1 200 OK\r\nContent-Le', 'head-cut', /inside the response head/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort', 'body-cut', /^transfer closed with 5 bytes remaining to read$/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab', 'body-cut', /^transfer closed with outstanding read data remaining$/],
  ])('%j → %s', (reply, kind, message) => {
    const err = failure(reply);
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(message);
  });

  it('bounds the head at curl\'s 300 KiB, also before its end arrives', () => {
    const parser = createHttp1ResponseParser({ method: 'GET' });
    parser.push(Buffer.from('HTTP/1.1 200 OK\r\n'));
    expect(() => {
      for (let i = 0; i < 400; i++) parser.push(Buffer.from(`X-${i}: ${'a'.repeat(1000)}\r\n`));
    }).toThrow(/Too large response headers/);
  });
});

describe('any split of the bytes gives the same events', () => {
  const replies = [
    'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-F: a\r\n b\r\n\r\n3;x\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nT: 1\r\n\r\n',
    'HTTP/1.1 200 OK\nContent-Length: 11\n\nhello world',
    'HTTP/1.0 200 OK\r\n\r\nclose-delimited body',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\nx\n0\n\n',
  ];
  it.each(replies.map((r) => [r]))('%j', (reply) => {
    const whole = parse(reply);
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: reply.length - 1 }), { maxLength: 12 }), (cuts) => {
      expect(parse(reply, {}, { cuts })).toEqual(whole);
      expect(parse(reply, { raw: true }, { cuts }).body).toBe(parse(reply, { raw: true }).body);
    }), { numRuns: 300 });
    // Every byte on its own.
    expect(parse(reply, {}, { cuts: Array.from({ length: reply.length }, (_, i) => i) })).toEqual(whole);
  });
});
