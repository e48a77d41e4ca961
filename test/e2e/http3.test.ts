// HTTP/3 against qurl serve's QUIC endpoint (the same routes as h1 and h2): bodies both ways, redirects,
// decoding, limits, multiplexing. caddy and ngtcp2 check the same client in test/interop.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { qurl, qurlBuffer } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
let base = '';
let h3: string[] = [];
beforeAll(async () => {
  serve = await withServe();
  if (!serve.h3Url) throw new Error(`qurl serve has no HTTP/3 here: ${serve.h3Problem}`);
  base = serve.h3Url;
  h3 = ['--http3-only', '--cacert', serve.caFile];
});
afterAll(() => serve.close());

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('HTTP/3 with qurl serve', () => {
  it('GET: the JSON body, version 3, -i shows the HTTP/3 head', async () => {
    const r = await qurl([...h3, '-si', `${base}/get?x=1`]);
    expect(r.exitCode).toBe(0);
    const [head, body] = r.stdout.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/3 200\r\ncontent-type: application\/json\r\n/);
    expect(JSON.parse(body!).args).toEqual({ x: '1' });
    const w = await qurl([...h3, '-s', '-o', '/dev/null', '-w', '%{http_version} %{scheme} %{num_connects} %{ssl_verify_result}', `${base}/get`]);
    expect(w.stdout).toBe('3 HTTPS 1 0');
  });

  it('uploads: a form and a 3 MB binary body arrive whole (DATA frames, flow control)', async () => {
    const form = JSON.parse((await qurl([...h3, '-s', '-d', 'a=1&b=two', `${base}/anything`])).stdout);
    expect(form.method).toBe('POST');
    expect(form.form).toEqual({ a: '1', b: 'two' });
    const file = join(tmpdir(), `qurl-h3-upload-${process.pid}.bin`);
    const data = Buffer.alloc(3 * 1024 * 1024, 'q');
    writeFileSync(file, data);
    const up = JSON.parse((await qurl([...h3, '-s', '--data-binary', `@${file}`, `${base}/anything`])).stdout);
    expect(up.bodyLength).toBe(data.length);
    expect(up.headers['content-length']).toBe(String(data.length));
  });

  it('downloads: 8 MB hash-equal to the same bytes over HTTP/2', async () => {
    const url = `${base}/bytes/8000000`;
    const viaH3 = await qurlBuffer([...h3, url]);
    const viaH2 = await qurlBuffer(['--cacert', serve.caFile, url]);
    expect(viaH3.exitCode).toBe(0);
    expect(viaH3.stdout.length).toBe(8_000_000);
    expect(sha(viaH3.stdout)).toBe(sha(viaH2.stdout));
  });

  it('-L follows redirects on the same QUIC connection; --compressed decodes gzip', async () => {
    const r = await qurl([...h3, '-sL', '-o', '/dev/null', '-w', '%{num_redirects} %{num_connects} %{http_version}', `${base}/redirect/3`]);
    expect(r.stdout).toBe('3 1 3');
    const gz = JSON.parse((await qurl([...h3, '-s', '--compressed', `${base}/gzip`])).stdout);
    expect(gz.gzipped).toBe(true);
  });

  it('-f on 500 is 22; --max-time ends a slow response with 28 and keeps what arrived', async () => {
    expect((await qurl([...h3, '-sf', `${base}/status/500`])).exitCode).toBe(22);
    const slow = await qurl([...h3, '-sS', '--max-time', '1', `${base}/drip?numbytes=100&duration=5000`]);
    expect(slow.exitCode).toBe(28);
    // 100 bytes over 5 s: how many arrive in the second depends on the machine's load, but some do and not all
    expect(slow.stdout).toMatch(/^\*{1,99}$/);
    expect(slow.stderr).toMatch(/^qurl: \(28\) /m);
  });

  it('-Z: 20 transfers multiplexed on one QUIC connection', async () => {
    const urls = Array.from({ length: 20 }, (_, i) => `${base}/get?i=${i}`);
    const r = await qurl([...h3, '-Z', '-s', '-w', '%{num_connects}\\n', ...urls.flatMap((u) => ['-o', '/dev/null', u])]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n').map(Number).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('--connect-to sends QUIC elsewhere while the certificate is checked for the URL\'s host; IP-literal URLs are checked against IP SANs', async () => {
    const port = new URL(base).port;
    const moved = await qurl([...h3, '-s', '--connect-to', `localhost:1234:127.0.0.1:${port}`, '-o', '/dev/null', '-w', '%{http_code} %{remote_port}', 'https://localhost:1234/get']);
    expect(moved.stdout).toBe(`200 ${port}`);
    const literal = await qurl([...h3, '-s', '-o', '/dev/null', '-w', '%{http_code} %{ssl_verify_result}', `https://127.0.0.1:${port}/get`]);
    expect(literal.stdout).toBe('200 0');
  });

  it('an address that refuses QUIC is skipped for the next one (::1, then 127.0.0.1)', async () => {
    const port = new URL(base).port;
    const r = await qurl([...h3, '-v', '--resolve', `localhost:${port}:::1,127.0.0.1`, '-o', '/dev/null', '-w', '%{remote_ip}', `${base}/get`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('127.0.0.1');
    expect(r.stderr).toMatch(new RegExp(`^\\*   Trying \\[::1\\]:${port}\\.\\.\\.$`, 'm'));
    expect(r.stderr).toMatch(new RegExp(`^\\*   Trying 127\\.0\\.0\\.1:${port}\\.\\.\\.$`, 'm'));
  });

  it('--http3 prefers HTTP/3 when the server has it (no fallback line in -v)', async () => {
    const r = await qurl(['--http3', '-v', '--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{http_version} %{time_connect} %{time_appconnect}', `${base}/get`]);
    const [version, connect, appconnect] = r.stdout.split(' ');
    expect(version).toBe('3');
    // QUIC won: connect and appconnect are both the end of its handshake, as in curl.
    expect(connect).toBe(appconnect);
    expect(r.stderr).toMatch(/^\* ALPN: server accepted h3$/m);
    expect(r.stderr).not.toMatch(/falling back/);
  });
});

describe('HTTP/3 frame trace', () => {
  it('--trace-frames: our streams and SETTINGS, the request HEADERS with QPACK, the response frames', async () => {
    const r = await qurl([...h3, '-s', '-o', '/dev/null', '--trace-frames', '-', '-d', 'hi', `${base}/anything`]);
    expect(r.exitCode).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^\[ *\d+\.\d{3}\] send stream 2 opened: CONTROL$/m);
    expect(out).toMatch(/^\[ *\d+\.\d{3}\] send SETTINGS frame <length=4, stream_id=2>\n {10}\[SETTINGS_QPACK_MAX_TABLE_CAPACITY\(0x01\):0\]\n {10}\[SETTINGS_QPACK_BLOCKED_STREAMS\(0x07\):0\]$/m);
    expect(out).toMatch(/^\[ *\d+\.\d{3}\] send HEADERS frame <length=\d+, stream_id=0>\n {10}; QPACK required_insert_count=0, base=0\n {10}:method: POST\n {10}:path: \/anything\n/m);
    expect(out).toMatch(/^\[ *\d+\.\d{3}\] send DATA frame <length=2, stream_id=0>$/m);
    expect(out).toMatch(/^\[ *\d+\.\d{3}\] recv stream 3 opened: CONTROL$/m);
    expect(out).toMatch(/^\[ *\d+\.\d{3}\] recv HEADERS frame <length=\d+, stream_id=0>\n {10}; QPACK required_insert_count=0, base=0\n {10}:status: 200\n {10}content-type: application\/json$/m);
    expect(out).toMatch(/^\[ *\d+\.\d{3}\] recv DATA frame <length=\d+, stream_id=0>$/m);
  });

  it('--trace-ascii dumps the request stream\'s bytes both ways, as for HTTP/2', async () => {
    const r = await qurl([...h3, '-s', '-o', '/dev/null', '--trace-ascii', '-', '-d', 'hello', `${base}/anything`]);
    expect(r.stdout).toMatch(/^=> Send data, 7 bytes \(0x7\)\n0000: \.\.hello$/m);
    expect(r.stdout).toMatch(/^<= Recv data, \d+ bytes/m);
  });

  it('-vv puts the frames between the -v lines on stderr', async () => {
    const r = await qurl([...h3, '-vv', '-o', '/dev/null', `${base}/get`]);
    expect(r.stderr).toMatch(/^> GET \/get HTTP\/3\r$/m);
    expect(r.stderr).toMatch(/recv HEADERS frame <length=\d+, stream_id=0>[\s\S]*^< HTTP\/3 200\r$/m);
  });
});
