// qurl and curl, same commands against the same servers: identical bodies, -w values and exit codes.
import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { withCurl } from '../helpers/needs.js';
import { hermeticEnv, QURL_BIN } from '../helpers/run-qurl.js';
import { startHttpServer, startRawServer, type Running } from '../helpers/raw-servers.js';
import { withServe } from '../helpers/serve.js';


let serve: RunningServe;
let echoUa: Running;
let closing: Running & { received: Buffer[] };
let odd: Running;
/** An echo server on ::1, for IPv6 literals and zone ids. */
let v6: http.Server;
let v6Port = 0;
const upload = join(tmpdir(), `qurl-compat-${process.pid}.txt`);
const bigUpload = join(tmpdir(), `qurl-compat-${process.pid}.bin`);

const gzipped = gzipSync('hello, transfer-encoded\n');
/** A gzip Transfer-Encoding under chunked framing (--tr-encoding), in two chunks. */
const TE_GZIP = Buffer.concat([
  Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n'),
  ...[gzipped.subarray(0, 10), gzipped.subarray(10)].flatMap((c) => [Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')]),
  Buffer.from('0\r\n\r\n'),
]);

/** Replies curl reads in its own ways, by path: HTTP/0.9, a body past its Content-Length, chunked, bare LF, folding. */
const ODD_REPLIES: Readonly<Record<string, string>> = {
  '/09': 'hello 0.9 world',
  '/cl': 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokay-more',
  '/chunk': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Folded: a\r\n b\r\n\r\n2;x=y\r\nok\r\n3\r\n!!!\r\n0\r\nX-Trailer: t\r\n\r\n',
  '/lf': 'HTTP/1.1 200 OK\nContent-Length: 3\nX-A: b\n\nabc',
  '/both': 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  '/cut': 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc',
  '/cutchunk': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab',
  '/continue': 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
  '/404': 'HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope',
};

beforeAll(async () => {
  writeFileSync(upload, 'twelve bytes');
  writeFileSync(bigUpload, Buffer.alloc(3_000_000, 'x'));
  v6 = http.createServer((req, res) => res.end(`${req.method} ${req.url} ${req.headers.host}`));
  await new Promise<void>((resolve) => v6.listen(0, '::1', resolve));
  v6Port = (v6.address() as AddressInfo).port;
  serve = await withServe();
  // Bodies that do not depend on the client's own User-Agent.
  echoUa = await startHttpServer((req, res) => res.end(`${req.method} ${req.url} ${req.headers['content-type'] ?? '-'} ${req.headers['x-a'] ?? '-'}`));
  closing = await startRawServer((socket) => socket.once('data', () => socket.end()));
  odd = await startRawServer((socket) =>
    socket.once('data', (d: Buffer) => {
      const path = d.toString('latin1').split(' ')[1] ?? '';
      socket.end(path === '/te-gzip' ? TE_GZIP : (ODD_REPLIES[path] ?? 'HTTP/1.1 404 X\r\n\r\n'));
    }),
  );
});
afterAll(async () => {
  await serve.close();
  await echoUa.close();
  await closing.close();
  await odd.close();
  await new Promise((resolve) => v6.close(resolve));
});

const W = '\n%{http_code} %{num_redirects} %{size_download} %{size_upload} %{url_effective}';

function commands(): string[][] {
  const h = serve.httpUrl;
  const e = echoUa.url;
  return [
    [`${h}/bytes/1000`],
    [`${h}/status/204`],
    ['-f', `${h}/status/404`],
    ['--fail-with-body', `${h}/status/500`],
    [`${h}/status/404`],
    ['-L', `${h}/redirect-to?url=${encodeURIComponent('/redirect-to?url=/bytes/100')}`],
    ['-L', '--max-redirs', '2', `${h}/redirect/5`, '-o', '/dev/null'],
    [`${h}/redirect/1`],
    ['--compressed', `${h}/bytes/10`],
    ['-X', 'PUT', `${e}/put`],
    ['-d', 'a=1', '-d', 'b=2', `${e}/post`],
    ['--json', '{"k":1}', `${e}/json`],
    ['-G', '-d', 'q=1', `${e}/search`],
    ['-H', 'X-A: yes', `${e}/h`],
    ['-I', `${h}/bytes/5`, '-o', '/dev/null'],
    ['-L', '-d', 'x=1', `${h}/redirect-to?url=/bytes/3&status_code=303`],
    ['-L', '-d', 'x=1', `${e}/x`, '-o', '/dev/null'],
    ['--cacert', serve.caFile, `${serve.httpsUrl}/bytes/64`],
    [`${serve.httpsUrl}/bytes/64`],
    ['-k', `${serve.httpsUrl}/bytes/64`],
    ['http://127.0.0.1:1/'],
    ['http://nonexistent.invalid/'],
    [closing.url],
    ['-m', '1', `${h}/delay/3000`],
    ['--proto', '=https', `${h}/bytes/3`],
    ['--proto', '-http,+https', `${h}/bytes/3`],
    ['--proto', 'all', `${h}/bytes/3`],
    ['-L', '--proto-redir', '=http', `${h}/redirect-to?url=${encodeURIComponent('https://127.0.0.1:1/')}`],
    ['-L', `${h}/redirect-to?url=${encodeURIComponent('gopher://example.com/')}`],
    ['--url-query', 'a=1', '--url-query', 'b=x y&z', '--url-query', '+raw=1', `${e}/q?z=0`],
    ['--proto-default', 'http', echoUa.url.replace('http://', '') + '/no-scheme'],
    [`${odd.url}/09`],
    ['--http0.9', `${odd.url}/09`],
    [`${odd.url}/cl`],
    ['--ignore-content-length', `${odd.url}/cl`],
    [`${odd.url}/chunk`],
    ['-i', `${odd.url}/chunk`],
    ['-i', `${odd.url}/lf`],
    [`${odd.url}/both`],
    [`${odd.url}/cut`],
    [`${odd.url}/cutchunk`],
    ['-i', `${odd.url}/continue`],
    ['--tr-encoding', `${odd.url}/te-gzip`],
    ['--tr-encoding', '-H', 'Connection: close', `${odd.url}/te-gzip`],
    // URLs as curl takes them: IPv6 literals (zone ids, mapped addresses), numeric IPv4 forms, odd ports and hosts.
    [`http://[::1]:${v6Port}/v6`],
    [`http://[::1%25lo]:${v6Port}/zone`],
    [`http://[::1%lo]:${v6Port}/bare-zone`],
    [`http://[0:0::1]:${v6Port}/long-form`],
    [e.replace('127.0.0.1', '[::ffff:127.0.0.1]') + '/mapped'],
    [e.replace('127.0.0.1', '2130706433') + '/decimal'],
    [e.replace('127.0.0.1', '0x7f.1') + '/hex'],
    [e.replace('127.0.0.1', '0177.0.0.1') + '/octal'],
    [e.replace('127.0.0.1', '127.1') + '/short'],
    // localhost and *.localhost are loopback without a resolver (RFC 6761), as in curl: no DNS knows api.localhost.
    [e.replace('127.0.0.1', 'localhost') + '/localhost'],
    [e.replace('127.0.0.1', 'api.localhost') + '/sub-localhost'],
    [e.replace('http://', 'http://user:pw@') + '/userinfo'],
    [e.replace('http://', 'HTTP://') + '/UPPER'],
    [`${e}/path with space`],
    [`${e}/%zz`],
    ['http://127.0.0.1:99999/'],
    ['http://:80/'],
    ['http:///x'],
    ['htp://127.0.0.1/'],
    // (qurl refuses ftp:// with 1 where curl tries FTP: a deliberate difference, in the README.)
    // Uploads, counted in %{size_upload}.
    ['-T', upload, `${e}/put/`],
    ['-T', upload, '-X', 'POST', `${e}/put-as-post`],
    ['-d', 'x=12345', `${e}/data`],
    ['-d', 'x=12345', '-L', `${h}/redirect-to?url=/bytes/3&status_code=307`],
    ['-A', 'same', '-F', 'a=b', `${h}/anything`, '-o', '/dev/null'],
    ['--data-binary', `@${upload}`, `${e}/binary`],
    // A 307 that arrives while a streamed 3 MB body is still going out: the body goes again on a new connection.
    ['-A', 'same', '-L', '--data-binary', `@${bigUpload}`, `${h}/redirect-to?url=/anything&status_code=307`, '-o', '/dev/null'],
    ['-A', 'same', '-L', '-T', bigUpload, `${h}/redirect-to?url=/anything&status_code=307`, '-o', '/dev/null'],
    ['-T', '/nonexistent/file', `${e}/missing`],
    ['-d', '@/nonexistent/file', `${e}/missing-data`],
    // Redirects and failures.
    ['-L', '--max-redirs', '0', `${h}/redirect/1`],
    ['-A', 'same', '-L', '--max-redirs', '-1', `${h}/redirect/3`, '-o', '/dev/null'],
    ['-f', '-L', `${h}/redirect-to?url=/status/404`],
    ['--fail-with-body', `${h}/status/404`],
    ['-f', '-I', `${odd.url}/404`],
    ['-o', '/dev/null', `${h}/status/418`],
    ['-A', 'same', '-L', `${h}/absolute-redirect/2`, '-o', '/dev/null'],
    ['-A', 'same', '-L', '-X', 'POST', `${h}/redirect-to?url=/anything&status_code=302`, '-o', '/dev/null'],
    ['-f', '-i', `${odd.url}/404`],
    ['-f', '-D', '-', '-o', '/dev/null', `${odd.url}/404`],
    ['--fail-with-body', '-i', `${odd.url}/404`],
    ['-d', 'a=1', '-d', '@/nonexistent/file', `${e}/missing-data-part`],
    ['--data-urlencode', 'a@/nonexistent/file', `${e}/missing-urlencode`],
    ['-I', '-L', `${h}/redirect/2`, '-o', '/dev/null'],
    ['-G', '--data-urlencode', 'q=a b', `${e}/get`],
  ];
}

withCurl.describe('curl compatibility', () => {
  it('same bodies, -w values and exit codes', async () => {
    for (const args of commands()) {
      const full = ['-s', ...args, '-w', W];
      const [q, c] = await Promise.all([
        execa('node', [QURL_BIN, ...full], { reject: false, env: hermeticEnv(), extendEnv: false, encoding: 'buffer', stripFinalNewline: false }),
        execa('curl', full, { reject: false, env: hermeticEnv(), extendEnv: false, encoding: 'buffer', stripFinalNewline: false }),
      ]);
      const label = `qurl vs curl: ${args.join(' ')}`;
      expect.soft(q.exitCode, label).toBe(c.exitCode);
      expect.soft(Buffer.from(q.stdout).toString('latin1'), label).toBe(Buffer.from(c.stdout).toString('latin1'));
    }
  }, 120_000);
});

withCurl.describe('curl compatibility, bodies only', () => {
  it('--raw writes the chunked body as it came, framing and trailers included', async () => {
    const args = ['-s', '--raw', `${odd.url}/chunk`];
    const [q, c] = await Promise.all([
      execa('node', [QURL_BIN, ...args], { reject: false, env: hermeticEnv(), extendEnv: false, encoding: 'buffer' }),
      execa('curl', args, { reject: false, env: hermeticEnv(), extendEnv: false, encoding: 'buffer' }),
    ]);
    expect([q.exitCode, c.exitCode]).toEqual([0, 0]);
    expect(Buffer.from(q.stdout).toString('latin1')).toBe(Buffer.from(c.stdout).toString('latin1'));
    expect(Buffer.from(q.stdout).toString('latin1')).toContain('2;x=y\r\nok\r\n');
  });
});
