// Runs the built CLI (bin/qurl.js) in a hermetic environment: empty HOME (so no ~/.qurlrc or ~/.curlrc but the
// test's own), no XDG_CONFIG_HOME, QURL_HOME or CURL_HOME, no proxy variables, no colour.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';

export const QURL_BIN = resolve(import.meta.dirname, '../../bin/qurl.js');

export interface QurlRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly ms: number;
}

export function hermeticEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/proxy/i.test(k) && !/^(NO_COLOR|FORCE_COLOR|CURL_HOME|QURL_HOME|XDG_CONFIG_HOME)$/.test(k)) env[k] = v;
  }
  return { ...env, HOME: mkdtempSync(join(tmpdir(), 'qurl-home-')), NO_COLOR: '1', ...extra };
}

export async function qurl(args: readonly string[], options: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}): Promise<QurlRun> {
  const started = performance.now();
  const r = await execa('node', [QURL_BIN, ...args], {
    reject: false,
    env: hermeticEnv(options.env),
    extendEnv: false,
    input: options.input,
    cwd: options.cwd,
    stripFinalNewline: false,
    timeout: 60_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? -1, ms: performance.now() - started };
}

export async function qurlBuffer(args: readonly string[]): Promise<{ stdout: Buffer; exitCode: number }> {
  const r = await execa('node', [QURL_BIN, ...args], { reject: false, env: hermeticEnv(), extendEnv: false, encoding: 'buffer', stripFinalNewline: false, timeout: 60_000 });
  return { stdout: Buffer.from(r.stdout), exitCode: r.exitCode ?? -1 };
}

/** The same command line through qurl and curl at once, each in a hermetic environment of its own. */
export async function qurlAndCurl(args: readonly string[]): Promise<[{ stdout: string; exitCode: number }, { stdout: string; exitCode: number }]> {
  const run = (cmd: string, argv: readonly string[]) => execa(cmd, argv, { reject: false, env: hermeticEnv(), extendEnv: false });
  const [q, c] = await Promise.all([run('node', [QURL_BIN, ...args]), run('curl', args)]);
  return [{ stdout: q.stdout, exitCode: q.exitCode ?? -1 }, { stdout: c.stdout, exitCode: c.exitCode ?? -1 }];
}
