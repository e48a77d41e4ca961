// The table runner for test/hostile: each case is a small misbehaving peer, the qurl arguments that meet it,
// the exit code qurl must give and the one curl gives (checked in the same run when curl is installed), the
// one-line message, the output already received that must be kept, and bounds on time and memory.
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hermeticEnv, QURL_BIN } from '../helpers/run-qurl.js';

export interface Peer {
  readonly url: string;
  close(): Promise<void>;
}

export interface HostileCase {
  readonly name: string;
  /** Starts a fresh misbehaving peer for this case. */
  readonly peer: () => Promise<Peer>;
  /** Arguments after `-sS`, given the peer's URL (curl-compatible when `curl` is a number). */
  readonly args: (url: string) => readonly string[];
  readonly exit: number;
  /** curl's exit code for the same arguments (curl 7.88 here); null where curl cannot meet this peer or is not consistent. */
  readonly curl: number | null;
  /** Why qurl's code differs from curl's, when it does. */
  readonly differs?: string;
  /** The one line on stderr, without its `qurl: (N) ` prefix (none when the exit is 0). */
  readonly message?: RegExp;
  /** What reached stdout before the failure, kept. */
  readonly stdout?: string | ((out: Buffer) => void);
  /** The whole run ends within this (a hang past the bound fails); default 5 s. */
  readonly withinMs?: number;
  /** Peak resident memory of the qurl process, when the case is about memory. */
  readonly maxRssMb?: number;
}

const HAS_CURL = await execa('curl', ['--version'], { reject: false }).then((r) => r.exitCode === 0, () => false);

interface Run {
  readonly exitCode: number;
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly ms: number;
  readonly rssMb: number | null;
}

async function runQurl(args: readonly string[], measureRss: boolean): Promise<Run> {
  const started = performance.now();
  const command = measureRss ? ['/usr/bin/time', '-f', 'qurl-peak-rss-kb %M', 'node', QURL_BIN] : ['node', QURL_BIN];
  const r = await execa(command[0]!, [...command.slice(1), ...args], {
    reject: false, env: hermeticEnv(), extendEnv: false, encoding: 'buffer', stripFinalNewline: false, timeout: 60_000,
  });
  let stderr = Buffer.from(r.stderr).toString();
  let rssMb: number | null = null;
  // GNU time adds its own lines: "Command exited with non-zero status N" and the format line.
  const rss = /(?:Command exited with non-zero status \d+\n)?qurl-peak-rss-kb (\d+)\n$/.exec(stderr);
  if (rss) {
    rssMb = Number(rss[1]) / 1024;
    stderr = stderr.slice(0, rss.index);
  }
  return { exitCode: r.exitCode ?? -1, stdout: Buffer.from(r.stdout), stderr, ms: performance.now() - started, rssMb };
}

/** The one line on stderr without its `qurl: (N) ` prefix. */
const messageOf = (stderr: string): string => stderr.replace(/^qurl: \(\d+\) /, '').trimEnd();

/** Registers one test per case; `title` names the table. */
export function describeHostile(title: string, cases: readonly HostileCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      const curlNote = c.curl === null ? `curl: n/a${c.differs ? `, ${c.differs}` : ''}` : `curl: ${c.curl}${c.differs ? `, qurl differs: ${c.differs}` : ''}`;
      it(`${c.name} → ${c.exit} (${curlNote})`, async () => {
        const peer = await c.peer();
        try {
          const args = ['-sS', ...c.args(peer.url)];
          const r = await runQurl(args, c.maxRssMb !== undefined);
          if (c.exit === 0) expect(r.stderr).toBe('');
          else {
            expect(r.stderr, 'one line, no stack trace').toMatch(/^qurl: \(\d+\) [^\n]+\n$/);
            expect(r.stderr).not.toMatch(/internal error/);
            expect(messageOf(r.stderr)).toMatch(c.message ?? /^$/);
          }
          expect(r.exitCode, r.stderr).toBe(c.exit);
          if (typeof c.stdout === 'string') expect(r.stdout.toString('latin1')).toBe(c.stdout);
          else if (c.stdout) c.stdout(r.stdout);
          else expect(r.stdout.length).toBe(0);
          expect(r.ms).toBeLessThan(c.withinMs ?? 5000);
          if (c.maxRssMb !== undefined) expect(r.rssMb).toBeLessThan(c.maxRssMb);
          if (HAS_CURL && c.curl !== null) {
            const curl = await execa('curl', [...args, '-o', '/dev/null'], { reject: false, timeout: 60_000 });
            expect(curl.exitCode, `curl ${args.join(' ')}: ${curl.stderr}`).toBe(c.curl);
          }
        } finally {
          await peer.close();
        }
      }, 90_000);
      // What reached stdout must reach an -o file too, which takes another path (the body written straight to
      // the file, without a stream between). (-o names the first URL's output only: not with --next.)
      const kept = c.stdout;
      const given = c.args('http://x/');
      if (typeof kept === 'string' && !given.includes('-o') && !given.includes('--next')) {
        it(`${c.name}, into -o FILE → ${c.exit}, the file holds what arrived`, async () => {
          const peer = await c.peer();
          const dir = mkdtempSync(join(tmpdir(), 'qurl-hostile-'));
          try {
            const file = join(dir, 'out');
            const r = await runQurl(['-sS', '-o', file, ...c.args(peer.url)], false);
            expect(r.exitCode, r.stderr).toBe(c.exit);
            if (c.exit !== 0) expect(messageOf(r.stderr)).toMatch(c.message ?? /^$/);
            expect(r.stdout.length).toBe(0);
            expect(readFileSync(file).toString('latin1')).toBe(kept);
            expect(r.ms).toBeLessThan(c.withinMs ?? 5000);
          } finally {
            rmSync(dir, { recursive: true, force: true });
            await peer.close();
          }
        }, 90_000);
      }
    }
  });
}
