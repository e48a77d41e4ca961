// Every exit code the foundation promises, each provoked for real on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { qurl } from '../helpers/run-qurl.js';
import { startHttpServer, startRawServer, type Running } from '../helpers/raw-servers.js';
import { withServe } from '../helpers/serve.js';
import type { RunningServe } from '../../src/serve/index.js';

let serve: RunningServe;
const extra: Running[] = [];

beforeAll(async () => {
  serve = await withServe();
});
afterAll(async () => {
  await serve.close();
  await Promise.all(extra.map((s) => s.close()));
});

async function own<T extends Running>(p: Promise<T>): Promise<T> {
  const s = await p;
  extra.push(s);
  return s;
}

describe('exit codes', () => {
  it('2: unknown option, one line', async () => {
    const r = await qurl(['--no-such-flag', 'http://127.0.0.1/']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--no-such-flag');
  });

  it('2: conflicting methods', async () => {
    const r = await qurl(['-I', '-d', 'x=1', 'http://127.0.0.1/']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/only select one HTTP request method/);
  });

  it('3: malformed URL', async () => {
    const r = await qurl(['http://exa mple.com/']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/URL rejected/);
  });

  it('1: unsupported scheme', async () => {
    const r = await qurl(['ftp://127.0.0.1/']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/Protocol "ftp" not supported/);
  });

  it('6: name that does not resolve', async () => {
    const r = await qurl(['http://nonexistent.invalid/']);
    expect(r.exitCode).toBe(6);
    expect(r.stderr).toContain('Could not resolve host: nonexistent.invalid');
  });

  it('7: refused port', async () => {
    const s = await own(startRawServer(() => {}));
    await s.close();
    const r = await qurl([`http://127.0.0.1:${s.port}/`]);
    expect(r.exitCode).toBe(7);
    expect(r.stderr).toContain(`Failed to connect to 127.0.0.1 port ${s.port}: Connection refused`);
  });

  it('28: server accepts and never answers, -m 1 ends it: not before 1 s, and nowhere near a hang', async () => {
    const s = await own(startRawServer(() => {}));
    const r = await qurl(['-m', '1', '-w', '%{time_total}', s.url]);
    expect(r.exitCode).toBe(28);
    expect(r.stderr).toMatch(/Operation timed out after \d+ milliseconds with 0 bytes received/);
    expect(Number(r.stdout)).toBeGreaterThanOrEqual(1);
    // bounds 5× what is expected (1 s of -m; about 2 s with the process's start-up), so a loaded machine passes
    expect(Number(r.stdout)).toBeLessThan(5);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('28: --connect-timeout bounds a TLS handshake that never completes', async () => {
    const s = await own(startRawServer(() => {}));
    const r = await qurl(['--connect-timeout', '1', `https://127.0.0.1:${s.port}/`]);
    expect(r.exitCode).toBe(28);
    expect(r.stderr).toMatch(/Connection timed out after \d+ milliseconds \(tls/);
  });

  it('22: -f on 404, nothing written to stdout', async () => {
    const r = await qurl(['-f', `${serve.httpUrl}/status/404`]);
    expect(r.exitCode).toBe(22);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('The requested URL returned error: 404');
  });

  it('22: --fail-with-body writes the body, then fails', async () => {
    const s = await own(startHttpServer((_q, res) => res.writeHead(500).end('oops')));
    const r = await qurl(['--fail-with-body', s.url]);
    expect(r.exitCode).toBe(22);
    expect(r.stdout).toBe('oops');
  });

  it('23: output cannot be written', async () => {
    const r = await qurl(['-o', '/nonexistent-dir/sub/file', `${serve.httpUrl}/get`]);
    expect(r.exitCode).toBe(23);
    expect(r.stderr).toMatch(/Failure writing output/);
  });

  it('23: a write that fails (a full disk), with and without a decoder between', async () => {
    for (const args of [[`${serve.httpUrl}/bytes/1000`], ['--compressed', `${serve.httpUrl}/gzip`]]) {
      const r = await qurl(['-o', '/dev/full', ...args]);
      expect(r.exitCode).toBe(23);
      expect(r.stderr).toMatch(/Failure writing output to \/dev\/full: .*no space left on device/i);
    }
  });

  it('26: -F @file and -T FILE that do not exist; -d @file is curl\'s warning and an empty POST', async () => {
    const form = await qurl(['-F', 'f=@/nonexistent/file', `${serve.httpUrl}/anything`]);
    expect(form.exitCode).toBe(26);
    expect(form.stderr).toMatch(/Failed to open\/read local data/);
    expect((await qurl(['-T', '/nonexistent/file', `${serve.httpUrl}/anything`])).exitCode).toBe(26);
    const data = await qurl(['-d', '@/nonexistent/file', '-o', '/dev/null', '-w', '%{size_upload}', `${serve.httpUrl}/anything`]);
    expect([data.exitCode, data.stdout]).toEqual([0, '0']);
    expect(data.stderr).toBe('Warning: Couldn\'t read data from file "/nonexistent/file", this makes an empty POST.\n');
  });

  it('35: TLS to a port that speaks plain HTTP', async () => {
    const r = await qurl([`https://127.0.0.1:${new URL(serve.httpUrl).port}/`]);
    expect(r.exitCode).toBe(35);
    expect(r.stderr).toMatch(/TLS connect error/);
  });

  it('47: redirect loop', async () => {
    const s = await own(startHttpServer((_q, res) => res.writeHead(302, { Location: '/again' }).end()));
    const r = await qurl(['-L', s.url]);
    expect(r.exitCode).toBe(47);
    expect(r.stderr).toContain('Maximum (50) redirects followed');
  });

  it('52: server closes without replying', async () => {
    const s = await own(startRawServer((socket) => socket.once('data', () => socket.end())));
    const r = await qurl([s.url]);
    expect(r.exitCode).toBe(52);
    expect(r.stderr).toContain('Empty reply from server');
  });

  it('56: server closes inside the response head', async () => {
    const s = await own(startRawServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Le'))));
    const r = await qurl([s.url]);
    expect(r.exitCode).toBe(56);
  });

  it('18: body shorter than Content-Length keeps what arrived', async () => {
    const s = await own(startRawServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello'))));
    const r = await qurl([s.url]);
    expect(r.exitCode).toBe(18);
    expect(r.stdout).toBe('hello');
    expect(r.stderr).toContain('transfer closed with 5 bytes remaining to read');
  });

  it('60: untrusted certificate', async () => {
    const r = await qurl([`${serve.httpsUrl}/get`]);
    expect(r.exitCode).toBe(60);
    expect(r.stderr).toMatch(/SSL certificate problem/);
    expect(r.stderr).toMatch(/--cacert/);
  });

  it('61: --compressed with a corrupt gzip body', async () => {
    const good = gzipSync(Buffer.from('hello world, hello world'));
    const bad = Buffer.concat([good.subarray(0, 10), Buffer.from('garbage-garbage')]);
    const s = await own(startHttpServer((_q, res) => res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': bad.length }).end(bad)));
    const r = await qurl(['--compressed', s.url]);
    expect(r.exitCode).toBe(61);
    expect(r.stderr).toMatch(/content unencoding/);
  });

  it('-s hides the message, -sS shows it', async () => {
    const silent = await qurl(['-s', 'http://nonexistent.invalid/']);
    expect(silent.exitCode).toBe(6);
    expect(silent.stderr).toBe('');
    const shown = await qurl(['-sS', 'http://nonexistent.invalid/']);
    expect(shown.stderr).toContain('Could not resolve host');
  });

  it('never prints a stack trace: one line with the code', async () => {
    const runs = await Promise.all([qurl(['-H', 'bad header', 'http://127.0.0.1/']), qurl(['-K', '/nonexistent']), qurl([])]);
    expect(runs.map((r) => [r.exitCode, r.stderr])).toEqual([
      [2, 'qurl: (2) header "bad header" is not "Name: value"\n'],
      [26, "qurl: (26) cannot read config file /nonexistent: ENOENT: no such file or directory, open '/nonexistent'\n"],
      [2, "qurl: (2) no URL specified (try 'qurl --help')\n"],
    ]);
  });
});
