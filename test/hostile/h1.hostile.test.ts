// Hostile HTTP/1.1 servers (issue 9 §2): malformed heads, broken framing, floods, slow and endless replies,
// redirects that lead astray, and decompression bombs. Each case gives curl's exit code where curl has one.
import { once } from 'node:events';
import { constants, createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { describeHostile, type HostileCase } from './hostile-case.js';
import { drip, ok, rawPeer, replyAndHold, replyThenClose } from './peers/raw-peers.js';

const m = (s: number): string[] => ['-m', String(s)];

/** gzip of `size` zero bytes, built a chunk at a time (a bomb: about a thousandth of its decoded size). */
async function gzipOfZeros(size: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const zeros = Buffer.alloc(1 << 20);
  for (let left = size; left > 0; left -= zeros.length) {
    if (!gzip.write(zeros.subarray(0, Math.min(zeros.length, left)))) await once(gzip, 'drain');
  }
  gzip.end();
  await once(gzip, 'end');
  return Buffer.concat(out);
}

const BOMB = await gzipOfZeros(256 << 20);
const bombReply = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${BOMB.length}\r\n\r\n`), BOMB]);
const TEXT = gzipSync(Buffer.from('a line of text that compresses\n'.repeat(20000)));
const CUT = TEXT.subarray(0, Math.floor(TEXT.length / 2));
const DECODABLE = gunzipSync(CUT, { finishFlush: constants.Z_SYNC_FLUSH });

const cases: HostileCase[] = [
  // The status line and the fields.
  { name: 'a status line that is not HTTP', peer: replyThenClose('HTTX/1.1 200 OK\r\n\r\n'), args: (u) => [u], exit: 1, curl: 1, message: /^Received HTTP\/0\.9 when not allowed: the reply does not start with an HTTP status line: "HTTX\/1\.1 200 OK"$/ },
  { name: 'no status line at all (HTTP/0.9)', peer: replyThenClose('hello world'), args: (u) => [u], exit: 1, curl: 1, message: /^Received HTTP\/0\.9 when not allowed/ },
  { name: 'a four-digit status code', peer: replyThenClose('HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\nok'), args: (u) => [u], exit: 1, curl: 1, message: /^Unsupported response code in HTTP response: no three-digit status code in "HTTP\/1\.1 2000 OK"$/ },
  { name: 'a header line without a colon', peer: replyThenClose('HTTP/1.1 200 OK\r\nFoo\r\nContent-Length: 2\r\n\r\nok'), args: (u) => [u], exit: 8, curl: 8, message: /^Weird server reply: header line without a colon: "Foo"$/ },
  { name: 'a NUL byte in a header', peer: replyThenClose('HTTP/1.1 200 OK\r\nX-A: a\0b\r\nContent-Length: 2\r\n\r\nok'), args: (u) => [u], exit: 8, curl: 8, message: /^Weird server reply: NUL byte in the response head$/ },
  { name: 'a bare CR in a header', peer: replyThenClose('HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 2\r\n\r\nok'), args: (u) => [u], exit: 8, curl: 0, differs: 'RFC 9112 §2.2 lets a recipient refuse a bare CR', message: /^Weird server reply: a CR without LF in the response head$/ },
  { name: 'a bare-LF head (RFC 9112 §2.2: accepted)', peer: replyThenClose('HTTP/1.1 200 OK\nContent-Length: 2\n\nok'), args: (u) => [u], exit: 0, curl: 0, stdout: 'ok' },
  { name: 'a folded header line (obs-fold, accepted)', peer: replyThenClose('HTTP/1.1 200 OK\r\nX-A: one\r\n two\r\nContent-Length: 2\r\n\r\nok'), args: (u) => [u], exit: 0, curl: 0, stdout: 'ok' },
  { name: 'one header line of 300 KB', peer: replyThenClose(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(300_000)}\r\n\r\n`), args: (u) => [u], exit: 56, curl: 27, differs: "curl's 27 is its buffer's 'out of memory' at 100 KiB a line", message: /^Too large response headers: a line of 300007 bytes > 102400$/ },
  { name: '40,000 headers (320 KB)', peer: replyThenClose(`HTTP/1.1 200 OK\r\n${'X-A: b\r\n'.repeat(40_000)}\r\n`), args: (u) => [u], exit: 56, curl: 56, message: /^Too large response headers: \d+ > 307200$/ },

  // TLS where there is none.
  { name: 'https:// to a plain-HTTP port', peer: replyThenClose(ok('plain')), args: (u) => ['-k', u.replace('http://', 'https://')], exit: 35, curl: 35, message: /^TLS connect error with 127\.0\.0\.1:\d+: the server did not answer with TLS \(wrong version number\): is it plain HTTP\? \(try http:\/\/\)$/ },
  { name: 'a --cert file that is not PEM', peer: replyThenClose(ok('plain')), args: (u) => ['-k', '--cert', import.meta.filename, u.replace('http://', 'https://')], exit: 58, curl: 58, message: /^unable to use the client certificate or key \(--cert, --key\): no start line$/ },

  // Body framing.
  { name: 'Content-Length larger than the body', peer: replyThenClose('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nok'), args: (u) => [u], exit: 18, curl: 18, message: /^transfer closed with 8 bytes remaining to read$/, stdout: 'ok' },
  { name: 'two different Content-Lengths', peer: replyThenClose('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nokk'), args: (u) => [u], exit: 8, curl: 0, differs: 'RFC 9110 §8.6: an unrecoverable error (the body\'s end is ambiguous)', message: /^Weird server reply: conflicting Content-Length values \(2 and 3\)/ },
  { name: 'a negative Content-Length', peer: replyThenClose('HTTP/1.1 200 OK\r\nContent-Length: -2\r\n\r\nok'), args: (u) => [u], exit: 8, curl: 8, message: /^Weird server reply: invalid Content-Length value "-2"$/ },
  { name: 'Content-Length with chunked: chunked wins (RFC 9112 §6.3)', peer: replyThenClose('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nokk\r\n0\r\n\r\n'), args: (u) => [u], exit: 0, curl: 0, stdout: 'okk' },
  { name: 'a chunk size that is not hex', peer: replyThenClose('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n'), args: (u) => [u], exit: 56, curl: 56, message: /^Failure when receiving data from the peer: Illegal or missing hexadecimal sequence in chunked-encoding$/ },
  { name: 'an endless body under -m', peer: drip('HTTP/1.1 200 OK\r\n\r\n', 'x'.repeat(1000), 20), args: (u) => [...m(1), u], exit: 28, curl: 28, message: /^Operation timed out after \d{4,} milliseconds with \d+ bytes received$/, stdout: (out) => expect(out.length).toBeGreaterThan(10_000) },
  { name: 'a slowloris head under -m', peer: drip('HTTP/1.1 200 OK\r\nX-Slow: ', 'a', 200), args: (u) => [...m(1), u], exit: 28, curl: 28, message: /^Operation timed out after \d{4,} milliseconds with 0 bytes received$/ },

  // Interim responses.
  { name: 'one unsolicited 100 Continue', peer: replyThenClose(`HTTP/1.1 100 Continue\r\n\r\n${ok('ok')}`), args: (u) => [u], exit: 0, curl: 0, stdout: 'ok' },
  { name: 'a flood of 2,000 interim responses', peer: replyThenClose(`${'HTTP/1.1 100 Continue\r\n\r\n'.repeat(2000)}${ok('ok')}`), args: (u) => [u], exit: 8, curl: 0, differs: 'qurl bounds interim responses at 1,000', message: /^Weird server reply: the server sent more than 1000 interim \(1xx\) responses$/ },

  // The connection.
  { name: 'close right after accept', peer: rawPeer((s) => s.end()), args: (u) => [u], exit: 52, curl: 52, message: /^Empty reply from server$/ },
  { name: 'reset once the request is in', peer: rawPeer((s) => s.once('data', () => s.resetAndDestroy())), args: (u) => [u], exit: 56, curl: 56, message: /^Recv failure: Connection reset by peer$/ },
  { name: 'silent after accept, under -m', peer: rawPeer(() => {}), args: (u) => [...m(1), u], exit: 28, curl: 28, message: /^Operation timed out after \d{4,} milliseconds with 0 bytes received$/ },

  // A kept-alive connection that dies after the response head began: a transport error, never a replay.
  {
    name: 'a reused connection that dies after the head: 18, never sent again',
    peer: (() => {
      let requests = 0;
      return rawPeer((s) => s.on('data', () => {
        requests++;
        if (requests === 1) s.write(ok('first;'));
        else if (requests === 2) s.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\npart');
        else s.end(ok('REPLAYED'));
      }));
    })(),
    args: (u) => [u, '--next', '-sS', u], exit: 18, curl: null, differs: 'curl 7.88 gives 18 too (checked by hand: this peer counts requests across runs)',
    message: /^transfer closed with 6 bytes remaining to read$/, stdout: 'first;part',
  },

  // Redirects.
  { name: 'a redirect loop', peer: rawPeer((s) => s.on('data', () => s.write('HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n'))), args: (u) => ['-L', '--max-redirs', '5', u], exit: 47, curl: 47, message: /^Maximum \(5\) redirects followed$/ },
  { name: 'a redirect to file://', peer: replyThenClose('HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\nContent-Length: 0\r\n\r\n'), args: (u) => ['-L', u], exit: 1, curl: 1, message: /^Protocol "file" not supported or disabled: a redirect to file:\/\/\/etc\/passwd refused \(--proto-redir\)$/ },
  { name: 'a redirect to ftp://', peer: replyThenClose('HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1:1/x\r\nContent-Length: 0\r\n\r\n'), args: (u) => ['-L', u], exit: 1, curl: 7, differs: 'curl speaks FTP and tries port 1; qurl follows only http and https', message: /^Protocol "ftp" not supported or disabled: a redirect to ftp:\/\/127\.0\.0\.1:1\/x refused/ },
  {
    name: 'CR LF encoded in a Location: the next request line stays one line',
    peer: rawPeer((s) => s.on('data', (d: Buffer) => {
      const line = d.toString('latin1').split('\r\n')[0]!;
      if (line.startsWith('GET / ')) return void s.write('HTTP/1.1 302 Found\r\nLocation: /a%0d%0aX-Injected:%20yes\r\nContent-Length: 0\r\n\r\n');
      s.end(ok(line));
    })),
    args: (u) => ['-L', u], exit: 0, curl: 0, stdout: 'GET /a%0d%0aX-Injected:%20yes HTTP/1.1',
  },

  // Content decoding.
  {
    name: 'a gzip body cut half-way: everything decodable is written',
    peer: replyThenClose(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${TEXT.length}\r\n\r\n`), CUT])),
    args: (u) => ['--compressed', u], exit: 18, curl: 18, message: /^transfer closed with \d+ bytes remaining to read$/,
    stdout: (out) => expect(out.equals(DECODABLE)).toBe(true),
  },
  { name: 'a gzip bomb (256 MiB of zeros): memory stays flat', peer: replyThenClose(bombReply), args: (u) => ['--compressed', '-o', '/dev/null', u], exit: 0, curl: 0, withinMs: 20_000, maxRssMb: 160 },
  {
    name: 'a gzip bomb with --max-filesize 10M: refused on the decoded size',
    peer: replyThenClose(bombReply), args: (u) => ['--compressed', '--max-filesize', '10M', '-o', '/dev/null', u],
    exit: 63, curl: 0, differs: 'curl 7.88 holds only the announced (compressed) size to --max-filesize', message: /^Maximum file size exceeded \(--max-filesize 10485760\)$/, maxRssMb: 160,
  },
  { name: 'an announced size over --max-filesize', peer: replyAndHold(`HTTP/1.1 200 OK\r\nContent-Length: 5000000\r\n\r\n`), args: (u) => ['--max-filesize', '1000', u], exit: 63, curl: 63, message: /^Maximum file size exceeded/ },
];

describeHostile('hostile HTTP/1.1 servers', cases);
