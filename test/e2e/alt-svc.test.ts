// --alt-svc: learning HTTP/3 from qurl serve's Alt-Svc header (curl's cache file), using it, and falling back.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { qurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
let dir = '';
beforeAll(async () => {
  serve = await withServe();
  dir = mkdtempSync(join(tmpdir(), 'qurl-alt-svc-'));
});
afterAll(() => serve.close());

const port = (): string => new URL(serve.httpsUrl).port;
const w = ['-o', '/dev/null', '-w', '%{http_version}\\n'];

describe('--alt-svc', () => {
  it('learns h3 from an HTTP/2 response into curl\'s file format, and the next run goes over QUIC', async () => {
    const file = join(dir, 'learn.txt');
    const first = await qurl(['-s', '--cacert', serve.caFile, '--alt-svc', file, ...w, `${serve.httpsUrl}/get`]);
    expect(first.stdout).toBe('2\n');
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^h2 localhost ${port()} h3 localhost ${port()} "\\d{8} \\d\\d:\\d\\d:\\d\\d" 0 0$`));
    const second = await qurl(['-v', '--cacert', serve.caFile, '--alt-svc', file, ...w, `${serve.httpsUrl}/get`]);
    expect(second.stdout).toBe('3\n');
    expect(second.stderr).toMatch(new RegExp(`^\\* Alt-svc connecting from \\[h2\\]localhost:${port()} to \\[h3\\]localhost:${port()}$`, 'm'));
  });

  it('"" keeps the cache in memory: the second URL of a run already uses HTTP/3', async () => {
    const r = await qurl(['-s', '--cacert', serve.caFile, '--alt-svc', '', ...w, ...w, `${serve.httpsUrl}/get`, `${serve.httpsUrl}/get`]);
    expect(r.stdout).toBe('2\n3\n');
  });

  it('is off without the option, and ignored for --http1.1 and expired entries', async () => {
    expect((await qurl(['-s', '--cacert', serve.caFile, ...w, ...w, `${serve.httpsUrl}/get`, `${serve.httpsUrl}/get`])).stdout).toBe('2\n2\n');
    const file = join(dir, 'old.txt');
    writeFileSync(file, `h2 localhost ${port()} h3 localhost ${port()} "20200101 00:00:00" 0 0\n`);
    expect((await qurl(['-s', '--cacert', serve.caFile, '--alt-svc', file, ...w, `${serve.httpsUrl}/get`])).stdout).toBe('2\n');
    const fresh = join(dir, 'fresh.txt');
    writeFileSync(fresh, `h2 localhost ${port()} h3 localhost ${port()} "20991231 00:00:00" 0 0\n`);
    expect((await qurl(['-s', '--http1.1', '--cacert', serve.caFile, '--alt-svc', fresh, ...w, `${serve.httpsUrl}/get`])).stdout).toBe('1.1\n');
  });

  it('a dead alternative falls back to TCP to the origin; clear forgets the origin\'s alternatives', async () => {
    const file = join(dir, 'dead.txt');
    writeFileSync(file, `h2 localhost ${port()} h3 localhost 1 "20991231 00:00:00" 0 0\n`);
    const r = await qurl(['-v', '--cacert', serve.caFile, '--alt-svc', file, ...w, `${serve.httpsUrl}/alt-svc?value=clear`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('2\n');
    expect(r.stderr).toMatch(/^\* Alt-svc connecting from \[h2\]localhost:\d+ to \[h3\]localhost:1$/m);
    expect(r.stderr).toMatch(/^\* HTTP\/3 to localhost port \d+ failed \(Failed to connect to localhost port 1 over QUIC: Connection refused.*\): falling back to TCP \(--http3\)$/m);
    expect(readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([]);
  });
});
