// -T/--upload-file (issue 11 §2): PUT of a file or of stdin as it arrives, on HTTP/1.1 (chunked for stdin),
// HTTP/2 and HTTP/3 (DATA frames), with curl's URL rule and its errors.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDispatchServers, type DispatchServers } from '../helpers/dispatch-servers.js';
import { hermeticEnv, qurl, QURL_BIN } from '../helpers/run-qurl.js';

interface Seen {
  method: string;
  url: string;
  body: string;
  coding: string | undefined;
  length: string | undefined;
}

const seen: Seen[] = [];
/** Bytes of the /slow upload the server has received so far. */
const slow: string[] = [];
const file = join(tmpdir(), `qurl-upload-${process.pid}.txt`);
let servers: DispatchServers;

beforeAll(async () => {
  writeFileSync(file, 'the file\'s bytes\n');
  servers = await startDispatchServers((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      chunks.push(c);
      if (req.url === '/slow') slow.push(c.toString());
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString(), coding: req.headers['transfer-encoding'], length: req.headers['content-length'] });
      res.end('stored\n');
    });
  });
});
afterAll(() => servers.close());

describe.each(['h1', 'h2', 'h3'] as const)('%s: -T', (proto) => {
  it('a file: PUT with its length; a URL ending in / gets the file name', async () => {
    const { args, base } = servers.protocols[proto];
    const before = seen.length;
    const r = await qurl([...args, '-sS', '-T', file, '-w', '%{size_upload}\n', `${base}/dir/`]);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, 'stored\n17\n', '']);
    expect(seen.slice(before)).toEqual([{ method: 'PUT', url: `/dir/${file.split('/').at(-1)}`, body: 'the file\'s bytes\n', coding: undefined, length: '17' }]);
  });

  it('stdin (-T -): streamed as it arrives, chunked over HTTP/1.1, with no length over HTTP/2 and 3', async () => {
    const { args, base } = servers.protocols[proto];
    const before = seen.length;
    const r = await qurl([...args, '-sS', '-T', '-', '-w', '%{size_upload}\n', `${base}/in`], { input: 'line one\nline two\n' });
    expect([r.exitCode, r.stdout]).toEqual([0, 'stored\n18\n']);
    expect(seen.slice(before)).toEqual([{ method: 'PUT', url: '/in', body: 'line one\nline two\n', coding: proto === 'h1' ? 'chunked' : undefined, length: undefined }]);
  });
});

describe.each(['h1', 'h2'] as const)('%s: -T - streams', (proto) => {
  it('the server has the first line while stdin is still open', async () => {
    const { args, base } = servers.protocols[proto];
    slow.length = 0;
    const child = execa('node', [QURL_BIN, ...args, '-sS', '-T', '-', `${base}/slow`], { env: hermeticEnv(), extendEnv: false, stdin: 'pipe', reject: false, timeout: 20_000 });
    child.stdin!.write('first line\n');
    await expect.poll(() => slow.join(''), { timeout: 10_000 }).toBe('first line\n');
    child.stdin!.end('second line\n');
    const r = await child;
    expect([r.exitCode, r.stdout]).toEqual([0, 'stored']);
    expect(slow.join('')).toBe('first line\nsecond line\n');
  });
});

describe('-T on the command line', () => {
  it('pairs each -T with a URL in order; -X changes the method', async () => {
    const { args, base } = servers.protocols.h1;
    const before = seen.length;
    const r = await qurl([...args, '-sS', '-o', '/dev/null', '-o', '/dev/null', '-T', file, `${base}/one`, '-T', file, '-X', 'POST', `${base}/two`]);
    expect(r.exitCode).toBe(0);
    expect(seen.slice(before).map((s) => `${s.method} ${s.url}`)).toEqual(['POST /one', 'POST /two']);
  });

  it('a missing file is 26 naming it; -T with -d is 2, as curl says it', async () => {
    const missing = await qurl(['-sS', '-T', '/nonexistent/upload', servers.protocols.h1.base]);
    expect([missing.exitCode, missing.stderr]).toEqual([26, 'qurl: (26) Failed to open/read local data from file "/nonexistent/upload": ENOENT: no such file or directory, stat \'/nonexistent/upload\'\n']);
    const both = await qurl(['-sS', '-T', file, '-d', 'x', servers.protocols.h1.base]);
    expect([both.exitCode, both.stderr]).toEqual([2, 'qurl: (2) You can only select one HTTP request method! You asked for both PUT (-T, --upload-file) and POST (-d, --data).\n']);
  });
});
