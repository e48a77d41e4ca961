// URL globbing, #N output names, --remote-name-all, --fail-early and -g, through the built CLI.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qurl } from '../helpers/run-qurl.js';
import { startHttpServer, type Running } from '../helpers/raw-servers.js';

/** Echoes method, path and body size; /status/N answers N. */
let echo: Running;
const W = ['-w', '%{http_code} %{url_effective}\n'];

beforeAll(async () => {
  // startHttpServer has read the body when the handler runs: its size is the last request's.
  const server = await startHttpServer((req, res) => {
    const m = /\/status\/(\d{3})/.exec(req.url ?? '');
    res.statusCode = m ? Number(m[1]) : 200;
    res.end(`${req.method} ${req.url} ${server.requests.at(-1)?.body.length ?? 0}\n`);
  });
  echo = server;
});
afterAll(() => echo.close());

const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');

describe('URL globbing', () => {
  it('expands ranges and sets in curl order, several globs as a product', async () => {
    const r = await qurl(['-s', `${echo.url}/[1-2]/{a,b}/[x-y]`]);
    expect(r.exitCode).toBe(0);
    expect(lines(r.stdout)).toEqual(['1/a/x', '1/a/y', '1/b/x', '1/b/y', '2/a/x', '2/a/y', '2/b/x', '2/b/y'].map((p) => `GET /${p} 0`));
  });

  it('zero-pads, steps, and keeps IPv6 literal brackets', async () => {
    const r = await qurl(['-s', '-o', '/dev/null', ...W, `${echo.url}/[008-012:2]`]);
    expect(lines(r.stdout)).toEqual(['008', '010', '012'].map((n) => `200 ${echo.url}/${n}`));
  });

  it('names -o files with #1 #2 and writes -O files per URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qurl-glob-'));
    const r = await qurl(['-s', `${echo.url}/{one,two}/[1-2]`, '-o', 'out-#2-#1-#3.txt', `${echo.url}/f[1-2].txt`, '-O'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['f1.txt', 'f2.txt', 'out-1-one-#3.txt', 'out-1-two-#3.txt', 'out-2-one-#3.txt', 'out-2-two-#3.txt']);
    expect(readFileSync(join(dir, 'out-2-one-#3.txt'), 'utf8')).toBe('GET /one/2 0\n');
  });

  it('--remote-name-all: every URL to its own file unless it has -o or --no-remote-name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qurl-rna-'));
    const r = await qurl(['-s', '--remote-name-all', `${echo.url}/ra`, `${echo.url}/rb`, '-o', 'out.txt', `${echo.url}/rc`, '--no-remote-name', `${echo.url}/rd`], { cwd: dir });
    expect(r.stdout).toBe('GET /rb 0\n');
    expect(readdirSync(dir).sort()).toEqual(['out.txt', 'rc', 'rd']);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('GET /ra 0\n');
  });

  it('-g sends brackets as they are, and braces as the URL parser encodes them', async () => {
    const r = await qurl(['-s', '-g', ...W, '-o', '/dev/null', `${echo.url}/[1-2]{a}`]);
    // (curl 7.88 sends the braces raw; qurl's WHATWG parser writes %7B %7D.)
    expect(r.stdout).toBe(`200 ${echo.url}/[1-2]%7Ba%7D\n`);
  });

  it('a bad glob is exit 3 with curl words and column, before any transfer', async () => {
    const r = await qurl([`${echo.url}/ok`, `${echo.url}/[a-5]`]);
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('');
    const column = `${echo.url}/[a-5]`.length + 1;
    expect(r.stderr).toBe(`qurl: (3) bad range in URL position ${column}: ${echo.url}/[a-5]\n`);
  });

  it('globs -T names: every file with every URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qurl-up-'));
    writeFileSync(join(dir, 'a'), 'x');
    writeFileSync(join(dir, 'b'), 'yy');
    const r = await qurl(['-s', '-T', '{a,b}', `${echo.url}/[1-2]/`], { cwd: dir });
    expect(lines(r.stdout)).toEqual(['PUT /1/a 1', 'PUT /2/a 1', 'PUT /1/b 2', 'PUT /2/b 2']);
  });
});

describe('--fail-early', () => {
  it('stops at the first failure with its code; without it the last transfer decides', async () => {
    const args = ['-s', '-f', `${echo.url}/status/404`, `${echo.url}/after`];
    const [early, late] = await Promise.all([qurl(['--fail-early', ...args]), qurl(args)]);
    expect([early.exitCode, early.stdout]).toEqual([22, '']);
    expect([late.exitCode, late.stdout]).toEqual([0, 'GET /after 0\n']);
  });

  it('is global across -: groups and holds with -Z (no transfer starts after the failure)', async () => {
    const grouped = await qurl(['-s', '--fail-early', `${echo.url}/a`, '-:', '-f', `${echo.url}/status/500`, '-:', `${echo.url}/c`]);
    expect([grouped.exitCode, grouped.stdout]).toEqual([22, 'GET /a 0\n']);
    const parallel = await qurl(['-s', '-Z', '--parallel-max', '1', '--fail-early', 'http://127.0.0.1:1/', `${echo.url}/x`, `${echo.url}/y`]);
    expect([parallel.exitCode, parallel.stdout]).toEqual([7, '']);
  });

  it('--parallel-immediate is accepted', async () => {
    const r = await qurl(['-s', '-Z', '--parallel-immediate', `${echo.url}/[1-3]`]);
    expect(r.exitCode).toBe(0);
    expect(lines(r.stdout).sort()).toEqual(['GET /1 0', 'GET /2 0', 'GET /3 0']);
  });
});
