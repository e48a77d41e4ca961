// What the user sees: -i, -D, -o/-O, -v, --trace, -w, --timing.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { qurl, qurlBuffer } from '../helpers/run-qurl.js';
import { startHttpServer } from '../helpers/raw-servers.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
const dir = mkdtempSync(join(tmpdir(), 'qurl-out-'));

beforeAll(async () => {
  serve = await withServe();
});
afterAll(() => serve.close());

describe('output', () => {
  it('writes the body byte for byte', async () => {
    const r = await qurlBuffer([`${serve.httpUrl}/bytes/100000`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.length).toBe(100000);
  });

  it('-i puts the head as received before the body', async () => {
    const r = await qurl(['-i', `${serve.httpUrl}/get`]);
    expect(r.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\nContent-Type: application\/json\r\n/);
    expect(r.stdout).toMatch(/\r\n\r\n\{\n {2}"args"/);
  });

  it('-i with -L shows every hop', async () => {
    const r = await qurl(['-i', '-L', `${serve.httpUrl}/redirect/2`]);
    expect(r.stdout.match(/^HTTP\/1\.1 /gm)).toHaveLength(3);
  });

  it('-D writes headers to a file, body to stdout', async () => {
    const file = join(dir, 'headers.txt');
    const r = await qurl(['-D', file, `${serve.httpUrl}/get`]);
    expect(readFileSync(file, 'latin1')).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n$/);
    expect(r.stdout.startsWith('{')).toBe(true);
  });

  it('-D - writes headers to stdout', async () => {
    const r = await qurl(['-D', '-', `${serve.httpUrl}/get`]);
    expect(r.stdout).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it('-o per URL, -O, --output-dir and --create-dirs', async () => {
    const out = join(dir, 'nested', 'deeper');
    const r = await qurl(['--create-dirs', '--output-dir', out, '-o', 'first.bin', `${serve.httpUrl}/bytes/10`, '-O', `${serve.httpUrl}/bytes/20`]);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(out, 'first.bin')).length).toBe(10);
    expect(readFileSync(join(out, '20')).length).toBe(20);
  });

  it('-O names the file after the URL in the working directory', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'qurl-cwd-'));
    const r = await qurl(['-O', `${serve.httpUrl}/bytes/7`], { cwd });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(readdirSync(cwd)).toEqual(['7']);
    const body = await qurlBuffer([`${serve.httpUrl}/bytes/7`]);
    expect(body.stdout).toHaveLength(7);
    expect(readFileSync(join(cwd, '7')).equals(body.stdout)).toBe(true);
  });

  it('-v: curl-style connection, TLS, request and response lines on stderr', async () => {
    const r = await qurl(['-v', '--http1.1', '--cacert', serve.caFile, `${serve.httpsUrl}/get`]);
    expect(r.exitCode).toBe(0);
    const e = r.stderr;
    expect(e).toMatch(/^\* {3}Trying 127\.0\.0\.1:\d+\.\.\.$/m);
    expect(e).toMatch(/^\* Connected to localhost \(127\.0\.0\.1\) port \d+ \(#0\)$/m);
    expect(e).toMatch(/^\* ALPN: offers http\/1\.1$/m);
    expect(e).toMatch(/^\* SSL connection using TLSv1\.3 \/ TLS_/m);
    expect(e).toMatch(/^\* {2}subject: CN=localhost$/m);
    expect(e).toMatch(/^\* {2}issuer: CN=qurl serve test CA$/m);
    expect(e).toMatch(/^\* {2}expire date: /m);
    expect(e).toMatch(/^\* {2}SSL certificate verify ok\.$/m);
    expect(e).toMatch(/^> GET \/get HTTP\/1\.1\r$/m);
    expect(e).toMatch(/^< HTTP\/1\.1 200 OK\r$/m);
    expect(e).toMatch(/^\{ \[\d+ bytes data\]$/m);
    expect(e).toMatch(/^\* Connection #0 to host localhost left intact$/m);
    expect(r.stdout.startsWith('{')).toBe(true);
  });

  it('-k: verify result shown, transfer continues', async () => {
    const r = await qurl(['-v', '-k', '-o', '/dev/null', `${serve.httpsUrl}/get`]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/SSL certificate verify result: .*continuing anyway\./);
  });

  it('--trace-ascii: curl layout with headers and info lines', async () => {
    const file = join(dir, 'trace-ascii.txt');
    await qurl(['--trace-ascii', file, '-o', '/dev/null', `${serve.httpUrl}/bytes/5`]);
    const t = readFileSync(file, 'latin1');
    expect(t).toMatch(/^== Info: {3}Trying 127\.0\.0\.1:\d+\.\.\.$/m);
    expect(t).toMatch(/^=> Send header, \d+ bytes \(0x[0-9a-f]+\)\n0000: GET \/bytes\/5 HTTP\/1\.1\n/m);
    expect(t).toMatch(/^<= Recv header, 17 bytes \(0x11\)\n0000: HTTP\/1\.1 200 OK\n/m);
    expect(t).toMatch(/^<= Recv data, 5 bytes \(0x5\)$/m);
  });

  it('--trace: hex dump, --trace-time adds a time stamp', async () => {
    const r = await qurl(['--trace', '-', '--trace-time', '-o', '/dev/null', `${serve.httpUrl}/bytes/3`]);
    expect(r.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{6} => Send header, \d+ bytes/m);
    expect(r.stdout).toMatch(/^0000: 47 45 54 20 2f 62 79 74 65 73 2f 33 20 48 54 54 GET \/bytes\/3 HTT$/m);
  });

  it('-w: variables, escapes, %header{} and %{stderr}', async () => {
    const fmt = '%{http_code}|%{response_code}|%{http_version}|%{num_connects}|%{num_redirects}|%{size_download}|%{method}|%{scheme}|%{content_type}|%header{content-length}|%{exitcode}\\n%{stderr}to-stderr';
    const r = await qurl(['-s', '-o', '/dev/null', '-w', fmt, `${serve.httpUrl}/bytes/42`]);
    expect(r.stdout).toBe('200|200|1.1|1|0|42|GET|HTTP|application/octet-stream|42|0\n');
    expect(r.stderr).toBe('to-stderr');
  });

  it('-w: times in S.uuuuuu, in order', async () => {
    const fmt = '%{time_namelookup} %{time_connect} %{time_appconnect} %{time_pretransfer} %{time_starttransfer} %{time_total}';
    const r = await qurl(['-s', '-o', '/dev/null', '--cacert', serve.caFile, '-w', fmt, `${serve.httpsUrl}/get`]);
    const times = r.stdout.split(' ');
    for (const t of times) expect(t).toMatch(/^\d+\.\d{6}$/);
    const n = times.map(Number);
    for (let i = 1; i < n.length; i++) expect(n[i]).toBeGreaterThanOrEqual(n[i - 1]!);
    expect(n[2]).toBeGreaterThan(0);
  });

  // A run that reports timings first rehearses its request path against an in-process server (so the phases
  // are the network's, not qurl's first run of its code): none of it may show or reach anything.
  it('-w with times: the rehearsal sends nothing to the server, reads no stdin, shows nothing', async () => {
    const server = await startHttpServer((_req, res) => res.writeHead(200, { 'set-cookie': 'a=1' }).end('body'));
    const jar = join(dir, 'rehearsal-jar.txt');
    const out = join(dir, 'rehearsal-out.txt');
    const r = await qurl(['-v', '-u', 'user:pw', '-b', '', '-c', jar, '--data-binary', '@-', '-o', out, '-w', '%{num_connects} %{time_total}\n', `${server.url}/path`], { input: 'from stdin' });
    await server.close();
    expect(r.exitCode).toBe(0);
    expect(server.requests.map((q) => [q.method, q.url, q.body])).toEqual([['POST', '/path', 'from stdin']]);
    expect(r.stdout).toMatch(/^1 \d+\.\d{6}\n$/);
    expect(r.stderr.match(/^\* +Trying /gm)).toHaveLength(1);
    // Every address -v names is the server's, never the rehearsal's.
    const ports = [...r.stderr.matchAll(/127\.0\.0\.1:(\d+)|port (\d+)/g)].map((m) => m[1] ?? m[2]);
    expect(new Set(ports)).toEqual(new Set([new URL(server.url).port]));
    expect(readFileSync(out, 'utf8')).toBe('body');
    expect(readFileSync(jar, 'utf8')).toMatch(/\ta\t1\n/);
  });

  it('-w with times on HTTP/2 and a file output: one connection, the body in the file, phases in order', async () => {
    const out = join(dir, 'rehearsal-h2.txt');
    const fmt = '%{num_connects} %{http_version} %{time_connect} %{time_appconnect} %{time_pretransfer} %{time_starttransfer} %{time_total}';
    const r = await qurl(['-s', '--cacert', serve.caFile, '-o', out, '-w', fmt, `${serve.httpsUrl}/bytes/1000`]);
    expect(r.exitCode).toBe(0);
    const [connects, version, ...times] = r.stdout.split(' ');
    expect([connects, version]).toEqual(['1', '2']);
    const n = times.map(Number);
    for (let i = 1; i < n.length; i++) expect(n[i]).toBeGreaterThanOrEqual(n[i - 1]!);
    expect(readFileSync(out).length).toBe(1000);
  });

  it('-w: redirect, addresses, url_effective, ssl_verify_result', async () => {
    const fmt = '%{num_redirects} %{url_effective} %{remote_ip} %{remote_port} %{local_ip} %{time_redirect} %{ssl_verify_result}';
    const r = await qurl(['-s', '-L', '-o', '/dev/null', '-w', fmt, `${serve.httpUrl}/redirect/2`]);
    const [redirects, url, ip, port, local, tRedirect, verify] = r.stdout.split(' ');
    expect(redirects).toBe('2');
    expect(url).toBe(`${serve.httpUrl}/get`);
    expect(ip).toBe('127.0.0.1');
    expect(port).toBe(new URL(serve.httpUrl).port);
    expect(local).toBe('127.0.0.1');
    expect(Number(tRedirect)).toBeGreaterThan(0);
    expect(verify).toBe('0');
  });

  it('-w @file reads the format', async () => {
    const file = join(dir, 'format.txt');
    writeFileSync(file, 'code=%{http_code}\n');
    const r = await qurl(['-s', '-o', '/dev/null', '-w', `@${file}`, `${serve.httpUrl}/get`]);
    expect(r.stdout).toBe('code=200\n');
  });

  it('-v with --trace-time stamps each line', async () => {
    const r = await qurl(['-v', '--trace-time', '-o', '/dev/null', `${serve.httpUrl}/get`]);
    for (const line of r.stderr.trim().split('\n')) expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{6} [*<>{]/);
  });

  it('-w %{json} parses', async () => {
    const r = await qurl(['-s', '-o', '/dev/null', '-w', '%{json}', `${serve.httpUrl}/get`]);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(j.http_code).toBe(200);
    expect(j.num_connects).toBe(1);
    expect(typeof j.time_total).toBe('number');
  });

  it('-w on failure: http_code 000, exitcode and errormsg', async () => {
    const r = await qurl(['-s', '-w', '%{http_code} %{exitcode} %{errormsg}', 'http://nonexistent.invalid/']);
    expect(r.stdout).toBe('000 6 Could not resolve host: nonexistent.invalid');
  });

  it('--timing: waterfall on stderr without colour when NO_COLOR', async () => {
    const r = await qurl(['--timing', '-o', '/dev/null', '--cacert', serve.caFile, `${serve.httpsUrl}/get`]);
    expect(r.stderr).toMatch(/DNS lookup/);
    expect(r.stderr).toMatch(/TCP connect/);
    expect(r.stderr).toMatch(/TLS handshake/);
    expect(r.stderr).toMatch(/waiting \(TTFB\)/);
    expect(r.stderr).toMatch(/total/);
    expect(r.stderr).not.toMatch(/\x1b\[/);
  });

  it('--timing over several transfers: one waterfall on a shared axis, a row each with its connection, in start order', async () => {
    const urls = [`${serve.httpsUrl}/delay/120`, `${serve.httpsUrl}/get`, `${serve.httpUrl}/get`];
    const r = await qurl(['-s', '-Z', '--timing', '--cacert', serve.caFile, ...urls.flatMap((u) => ['-o', '/dev/null', u])]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^3 transfers on 2 connections in [\d.]+ ms$/m);
    const rows = r.stderr.split('\n').filter((l) => /^│ \d /.test(l)).map((l) => l.split('│').map((c) => c.trim()));
    expect(rows.map((c) => [c[2], c[3], c[4]])).toEqual(expect.arrayContaining([[urls[0], '#0', '200'], [urls[1], '#0', '200'], [urls[2], '#1', '200']]));
    const starts = rows.map((c) => Number(c[5]));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    // The slow one's bar reaches the end of the axis; the others end well before it.
    const slow = rows.find((c) => c[2] === urls[0])![7]!;
    expect(slow.trimEnd().length).toBeGreaterThan(rows.find((c) => c[2] === urls[1])![7]!.trimEnd().length);
    expect(r.stderr).toMatch(/░ DNS {2}▒ connect {2}▓ TLS {2}─ waiting \(TTFB\) {2}█ content/);
    expect(r.stderr).not.toMatch(/^│ phase/m);
  });

  it('--compressed decodes gzip, deflate and br', async () => {
    for (const path of ['gzip', 'deflate', 'brotli']) {
      const r = await qurl(['--compressed', `${serve.httpUrl}/${path}`]);
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(r.stdout)).toHaveProperty(path === 'gzip' ? 'gzipped' : path === 'deflate' ? 'deflated' : 'brotli', true);
    }
  });

  it('-V and -h', async () => {
    expect((await qurl(['-V'])).stdout).toMatch(/^qurl \d+\.\d+\.\d+/);
    const help = (await qurl(['-h'])).stdout;
    expect(help).toMatch(/--write-out <FORMAT>/);
    expect(help).toMatch(/--connect-to <H1:P1:H2:P2>/);
  });
});
