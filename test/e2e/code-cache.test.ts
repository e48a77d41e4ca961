// The launcher's V8 code cache (issue 12 §2): one file per bundle and Node version in the user's cache
// directory, earlier builds' files pruned, a file V8 rejects written anew, and a run that works without one.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { qurl } from '../helpers/run-qurl.js';

const ours = (name: string): boolean => name.startsWith(`qurl-${process.version}-`);

describe('the code cache in $XDG_CACHE_HOME/qurl', () => {
  it('keeps one file per Node version: earlier builds\' files go, other versions\' stay, a rejected one is rewritten', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'qurl-cache-'));
    const dir = join(cache, 'qurl');
    const env = { XDG_CACHE_HOME: cache };

    const first = await qurl(['-V'], { env });
    expect(first.exitCode).toBe(0);
    const [file] = readdirSync(dir).filter(ours);
    expect(file).toBeDefined();

    // An earlier build's cache for this Node, the launcher's old name for it, and another Node's cache.
    const stale = [`qurl-${process.version}-1.5-100.bin`, `code-${process.version}-1.bin`];
    const other = 'qurl-v0.0.1-1.5-100.bin';
    for (const name of [...stale, other]) writeFileSync(join(dir, name), 'old');
    // V8 rejects this one, so the run compiles from source and writes it again.
    writeFileSync(join(dir, file!), 'not a code cache');

    const second = await qurl(['-V'], { env });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(readdirSync(dir).sort()).toEqual([file!, other].sort());
    expect(readFileSync(join(dir, file!)).length).toBeGreaterThan(1000);

    // An accepted cache is read, not written again.
    const written = statSync(join(dir, file!)).mtimeMs;
    const third = await qurl(['-V'], { env });
    expect(third.stdout).toBe(first.stdout);
    expect(statSync(join(dir, file!)).mtimeMs).toBe(written);
  });

  it('a cache directory that cannot be written is no failure', async () => {
    const notADir = join(mkdtempSync(join(tmpdir(), 'qurl-cache-')), 'file');
    writeFileSync(notADir, '');
    const r = await qurl(['-V'], { env: { XDG_CACHE_HOME: notADir } });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
  });
});
