// -r, -C, -z, ETags, output-file rules, --limit-rate and the speed limit against a real file server: qurl
// side by side with curl (same exit codes, stdout and files left behind), and what curl 7.88 lacks on its own.
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withCurl } from '../helpers/needs.js';
import { RANGE_BODY, startRangeServer } from '../helpers/range-server.js';
import { hermeticEnv, qurl, QURL_BIN } from '../helpers/run-qurl.js';
import type { Running } from '../helpers/raw-servers.js';


let server: Running;
let trickle: http.Server;
let trickleUrl = '';
/** 256 KiB in 16 KiB writes: enough reads for --limit-rate to hold back. */
let big: http.Server;
let bigUrl = '';
const BIG = Buffer.alloc(256 * 1024, 'q');
const root = mkdtempSync(join(tmpdir(), 'qurl-xfer-'));

beforeAll(async () => {
  server = await startRangeServer();
  // One byte every 100 ms, 30 bytes in all: slow enough for --speed-limit.
  trickle = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-length': 30 });
    let n = 0;
    const t = setInterval(() => {
      res.write('x');
      if (++n === 30) {
        clearInterval(t);
        res.end();
      }
    }, 100);
    res.on('close', () => clearInterval(t));
  });
  await new Promise<void>((resolve) => trickle.listen(0, '127.0.0.1', resolve));
  trickleUrl = `http://127.0.0.1:${(trickle.address() as { port: number }).port}/`;
  big = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-length': BIG.length });
    for (let at = 0; at < BIG.length; at += 16384) res.write(BIG.subarray(at, at + 16384));
    res.end();
  });
  await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
  bigUrl = `http://127.0.0.1:${(big.address() as { port: number }).port}/big`;
});
afterAll(async () => {
  await server.close();
  trickle.closeAllConnections();
  trickle.close();
  big.close();
});

/** A directory's files: name → content, and mtime when `times`. */
function snapshot(dir: string, times = false): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'latin1') + (times ? ` @${statSync(join(dir, f)).mtime.toISOString()}` : '')]));
}

interface Case {
  readonly args: readonly string[];
  /** Files each client finds in its directory first. */
  readonly files?: Readonly<Record<string, string>>;
  readonly times?: boolean;
  /** How many bytes arrive before a time limit is a matter of timing: compare the exit codes only. */
  readonly timed?: boolean;
}

function cases(): Case[] {
  const u = server.url;
  const whole = RANGE_BODY.toString('latin1');
  const w = ['-w', '\n%{http_code} %{size_download}'];
  return [
    { args: ['-r', '0-4', `${u}/f`, ...w] },
    { args: ['-r', '10-', `${u}/f`, ...w] },
    { args: ['-r', '-3', `${u}/f`, ...w] },
    { args: ['-r', '30-100', `${u}/f`, ...w] },
    { args: ['-r', '100-', `${u}/f`, ...w] },
    { args: ['-r', '0-0,-1', `${u}/f`, ...w] },
    { args: ['-r', 'abc', `${u}/f`, ...w] },
    { args: ['-r', '0-4', `${u}/norange`, ...w] },
    { args: ['-r', '0-4', '-H', 'Range: bytes=5-6', `${u}/f`, ...w] },
    { args: ['-r', '1-2', '-I', `${u}/f`] },
    { args: ['-C', '30', `${u}/f`, ...w] },
    { args: ['-C', '0', `${u}/f`, ...w] },
    { args: ['-C', '36', `${u}/f`, ...w] },
    { args: ['-C', '100', `${u}/f`, ...w] },
    { args: ['-f', '-C', '100', `${u}/f`, ...w] },
    { args: ['--fail-with-body', '-C', '100', `${u}/f`, ...w] },
    { args: ['-C', '30', `${u}/norange`, ...w] },
    { args: ['-C', '36', `${u}/norange`, ...w] },
    { args: ['-C', '5', `${u}/wrongstart`, ...w] },
    { args: ['-C', '5', '-r', '1-2', `${u}/f`, ...w] },
    { args: ['-C', '-', `${u}/f`, ...w] },
    { args: ['-C', 'x', `${u}/f`] },
    { args: ['-C', '-', '-o', 'part', `${u}/f`, ...w], files: { part: '0123456789' } },
    { args: ['-C', '-', '-o', 'part', `${u}/f`, ...w], files: { part: whole } },
    { args: ['-C', '-', '-o', 'part', `${u}/f`, ...w] },
    { args: ['-C', '-', '-o', 'part', `${u}/norange`, ...w], files: { part: '01234' } },
    { args: ['-C', '-', '-o', 'part', `${u}/norange`, ...w], files: { part: whole } },
    { args: ['-C', '10', '-o', 'part', `${u}/f`, ...w], files: { part: '0123456789' } },
    { args: ['-C', '-', '-O', `${u}/f`, ...w], files: { f: 'abc' } },
    { args: ['-z', 'Wed, 21 Oct 2015 07:28:00 GMT', `${u}/f`, ...w] },
    { args: ['-z', 'Tue, 20 Oct 2015 07:28:00 GMT', `${u}/f`, ...w] },
    { args: ['-z', '-Wed, 21 Oct 2014 07:28:00 GMT', `${u}/f`, ...w] },
    { args: ['-z', '-Thu, 22 Oct 2015 07:28:00 GMT', `${u}/f`, ...w] },
    { args: ['-z', '20151021 07:28:00', `${u}/f`, ...w] },
    { args: ['-z', '21 Oct 2015 07:28:00 GMT', `${u}/f`, ...w] },
    { args: ['-z', 'Wed, 21 Oct 2015 07:28:00 GMT', `${u}/ignores-conditions`, ...w] },
    { args: ['-z', 'Wed, 21 Oct 2014 07:28:00 GMT', `${u}/ignores-conditions`, ...w] },
    { args: ['-z', '-Wed, 21 Oct 2014 07:28:00 GMT', `${u}/ignores-conditions`, ...w] },
    { args: ['-z', 'nonsense', `${u}/f`, ...w] },
    { args: ['-z', 'ref', `${u}/f`, ...w], files: { ref: '' }, times: true },
    { args: ['-z', 'ref', `${u}/ignores-conditions`, ...w], files: { ref: '' } },
    { args: ['--etag-save', 'etag', `${u}/f`, ...w] },
    { args: ['--etag-save', 'etag', `${u}/noetag`, ...w] },
    { args: ['--etag-compare', 'etag', `${u}/f`, ...w], files: { etag: '"v1"\n' } },
    { args: ['--etag-compare', 'etag', `${u}/f`, ...w], files: { etag: '"v0"\n' } },
    { args: ['--etag-compare', 'missing', `${u}/f`, ...w] },
    { args: ['--etag-compare', 'etag', '--etag-save', 'etag', `${u}/f`, ...w], files: { etag: '"old"\n' } },
    { args: ['--no-clobber', '-o', 'out', `${u}/f`, ...w], files: { out: 'keep' } },
    { args: ['--no-clobber', '-o', 'out', `${u}/f`, ...w], files: { out: 'keep', 'out.1': 'keep too' } },
    { args: ['--no-clobber', '-o', 'new', `${u}/f`, ...w] },
    { args: ['--no-clobber', '-O', `${u}/f`, ...w], files: { f: 'keep' } },
    { args: ['-o', 'out', `${u}/f`, ...w], files: { out: 'overwritten' } },
    { args: ['-O', '-J', `${u}/f`, ...w] },
    { args: ['-O', '-J', `${u}/f`, ...w], files: { 'file name.txt': 'keep' } },
    { args: ['-O', '-J', `${u}/evilname`, ...w] },
    { args: ['-O', '-J', `${u}/noetag`, ...w] },
    { args: ['-R', '-o', 'timed', `${u}/f`, ...w], times: true },
    { args: ['-R', '-o', 'timed', `${u}/noetag`, ...w] },
    { args: ['-R', '-O', '-J', `${u}/f`, ...w], times: true },
    { args: ['--remove-on-error', '-o', 'gone', 'http://127.0.0.1:1/', ...w] },
    { args: ['--remove-on-error', '-o', 'kept', `${u}/f`, ...w] },
    { args: ['--remove-on-error', '-f', '-o', 'gone', '-C', '100', `${u}/f`, ...w] },
    { args: ['--limit-rate', '100k', `${u}/f`, ...w] },
    { args: ['--limit-rate', '1M', '-o', 'rated', `${u}/f`, ...w] },
    { args: ['--limit-rate', '0', `${u}/f`, ...w] },
    { args: ['--limit-rate', 'fast', `${u}/f`] },
    { args: ['-Y', '1', '-y', '5', `${u}/f`, ...w] },
    { args: ['--speed-limit', '10', `${u}/f`, ...w] },
    { args: ['-Y', '1000', '-y', '1', '-o', 'slow', trickleUrl, ...w], timed: true },
    { args: ['-Y', '1000', '-y', '1', '--remove-on-error', '-o', 'slow', trickleUrl, ...w], timed: true },
    // One read brings the whole body: as in curl, the rate holds back the next read, and there is none.
    { args: ['-m', '1', '--limit-rate', '10', '-o', 'cut', `${u}/f`, ...w] },
    { args: ['-m', '0.5', '--limit-rate', '5', '-o', 'cut', trickleUrl, ...w], timed: true },
    { args: ['--limit-rate', '200k', '-o', 'big', `${bigUrl}`, ...w] },
  ];
}

withCurl.describe('transfer control side by side with curl', () => {
  it('same exit codes, stdout and files', async () => {
    for (const [i, c] of cases().entries()) {
      const dirs = ['q', 'c'].map((who) => join(root, `${i}-${who}`));
      for (const dir of dirs) {
        mkdirSync(dir, { recursive: true });
        for (const [name, content] of Object.entries(c.files ?? {})) {
          writeFileSync(join(dir, name), content);
          if (name === 'ref') utimesSync(join(dir, name), new Date('2016-01-01T00:00:00Z'), new Date('2016-01-01T00:00:00Z'));
        }
      }
      const full = ['-s', ...c.args];
      const [q, r] = await Promise.all([
        execa('node', [QURL_BIN, ...full], { reject: false, env: hermeticEnv(), extendEnv: false, cwd: dirs[0], encoding: 'latin1' }),
        execa('curl', full, { reject: false, env: hermeticEnv(), extendEnv: false, cwd: dirs[1], encoding: 'latin1' }),
      ]);
      const label = `qurl vs curl: ${c.args.join(' ')}`;
      expect.soft(q.exitCode, label).toBe(r.exitCode);
      if (c.timed) continue;
      expect.soft(q.stdout, label).toBe(r.stdout);
      expect.soft(snapshot(dirs[0]!, c.times), label).toEqual(snapshot(dirs[1]!, c.times));
    }
  }, 180_000);
});

it('-C - resumes a download cut short, and the joined file is the whole body', async () => {
  const dir = mkdtempSync(join(root, 'resume-'));
  writeFileSync(join(dir, 'part'), RANGE_BODY.subarray(0, 17));
  const r = await qurl(['-s', '-C', '-', '-o', 'part', '-w', '%{http_code} %{size_download}', `${server.url}/f`], { cwd: dir });
  expect(r.stdout).toBe('206 19');
  expect(readFileSync(join(dir, 'part'))).toEqual(RANGE_BODY);
});

// The last read is not waited for (as in curl, the rate holds back the reads that follow): over 1 s, not 2.56.
it('--limit-rate holds the rate: 256 KiB at 100 KiB/s take over a second, and arrive whole', async () => {
  const dir = mkdtempSync(join(root, 'rate-'));
  const r = await qurl(['-s', '--limit-rate', '100k', '-o', 'big', '-w', '%{time_total}', bigUrl], { cwd: dir });
  expect(r.exitCode).toBe(0);
  expect(Number(r.stdout)).toBeGreaterThan(1);
  expect(readFileSync(join(dir, 'big'))).toEqual(BIG);
});

it('--speed-limit fails a transfer that stays too slow, with curl\'s words, and keeps what it received', async () => {
  const dir = mkdtempSync(join(root, 'slow-'));
  const r = await qurl(['-Y', '1000', '-y', '1', '-o', 'slow', trickleUrl], { cwd: dir });
  expect(r.exitCode).toBe(28);
  expect(r.stderr).toMatch(/Operation too slow\. Less than 1000 bytes\/sec transferred the last 1 seconds/);
  expect(readFileSync(join(dir, 'slow'), 'latin1')).toMatch(/^x+$/);
});

it('-J never writes outside the directory, whatever the server names', async () => {
  const dir = mkdtempSync(join(root, 'evil-'));
  const r = await qurl(['-s', '-OJ', `${server.url}/evilname`], { cwd: dir });
  expect(r.exitCode).toBe(0);
  expect(readdirSync(dir)).toEqual(['evil.txt']);
});
