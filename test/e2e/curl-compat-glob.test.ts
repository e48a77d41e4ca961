// qurl and curl 7.88 side by side on globs, #N output names, -g, --remote-name-all, --fail-early, -K files and
// the default config file (.qurlrc for qurl, .curlrc with the same text for curl): the same exit codes, stdout
// and files written, for the same command lines.
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withCurl } from '../helpers/needs.js';
import { hermeticEnv, QURL_BIN } from '../helpers/run-qurl.js';
import { startHttpServer, type Running } from '../helpers/raw-servers.js';


let echo: Running & { requests: { body: string }[] };
let v6: http.Server;
let v6Port = 0;

/** Method, path, body size and X-A: what both clients sent, independent of their User-Agent. */
function answer(req: http.IncomingMessage, res: http.ServerResponse, size: number): void {
  const m = /\/status\/(\d{3})/.exec(req.url ?? '');
  res.statusCode = m ? Number(m[1]) : 200;
  res.end(`${req.method} ${req.url} ${size} ${req.headers['x-a'] ?? '-'}\n`);
}

beforeAll(async () => {
  const server = await startHttpServer((req, res) => answer(req, res, server.requests.at(-1)?.body.length ?? 0));
  echo = server;
  v6 = http.createServer((req, res) => answer(req, res, 0));
  await new Promise<void>((resolve) => v6.listen(0, '::1', resolve));
  v6Port = (v6.address() as AddressInfo).port;
});
afterAll(async () => {
  await echo.close();
  await new Promise((resolve) => v6.close(resolve));
});

const W = ['-w', '%{http_code} %{urlnum} %{url_effective}\n'];

interface Case {
  readonly args: readonly string[];
  /** Files put in the working directory first (-T sources, -K files). */
  readonly files?: Readonly<Record<string, string>>;
  /** The default config file's text: ~/.qurlrc for qurl, ~/.curlrc for curl. */
  readonly rc?: string;
  /** Put the rc file in $XDG_CONFIG_HOME (set) instead of $HOME. */
  readonly xdg?: boolean;
  readonly input?: string;
}

function cases(): Case[] {
  const e = echo.url;
  const conf = (text: string): Case['files'] => ({ 'c.conf': text });
  return [
    // Globs.
    { args: ['-s', `${e}/[1-3]`, ...W] },
    { args: ['-s', `${e}/[001-003]`, ...W] },
    { args: ['-s', `${e}/[01-3]`, ...W] },
    { args: ['-s', `${e}/[9-11]`, ...W] },
    { args: ['-s', `${e}/[1-10:3]`, ...W] },
    { args: ['-s', `${e}/[a-c]`, ...W] },
    { args: ['-s', `${e}/[a-e:2]`, ...W] },
    { args: ['-s', `${e}/[A-C]`, ...W] },
    { args: ['-s', `${e}/{a,b,c}`, ...W] },
    { args: ['-s', `${e}/{a}`, ...W] },
    { args: ['-s', `${e}/{a,}`, ...W] },
    { args: ['-s', `${e}/{,a}`, ...W] },
    { args: ['-s', `${e}/{a\\,b,c}`, ...W] },
    { args: ['-s', `${e}/[1-2]/{a,b}`, ...W] },
    { args: ['-s', `${e}/{x,y}/[1-2]/[a-b]`, ...W] },
    { args: ['-s', `${e}/x\\[1\\]`, ...W] },
    { args: ['-s', `${e}/[]`, ...W] },
    { args: ['-s', `${e}/[1- 3]`, ...W] },
    { args: ['-s', `${e}/[1-1]`, ...W] },
    { args: ['-s', `${e}/a`, `${e}/[1-2]`, `${e}/b`, ...W] },
    { args: ['-s', `http://[::1]:${v6Port}/[1-2]`, ...W] },
    // Bad globs: 3, nothing on stdout.
    ...[`${e}/[1-`, `${e}/[a-5]`, `${e}/{a,b`, `${e}/[5-1]`, `${e}/[1-3:0]`, `${e}/a]`, `${e}/a}`, `${e}/{a,{b}}`, `${e}/{a,[1-2]}`, `${e}/{}`, `${e}/[1-1:2]`, `${e}/[A-z]`, `${e}/[ 1-3]`, `${e}/[12]`, `${e}/x[`, `${e}/[1-2:-1]`, `${e}/\\[1-2]`].map((u) => ({ args: ['-s', u, ...W] })),
    // -g.
    { args: ['-s', '-g', `${e}/[1-2]`, ...W] },
    { args: ['-s', '--globoff', `${e}/x[`, ...W] },
    { args: ['-s', '-g', `${e}/f[1].txt`, '-o', 'g#1', ...W] },
    // -o with #N, -O.
    { args: ['-s', `${e}/[1-2]`, '-o', 'out_#1.txt', ...W] },
    { args: ['-s', `${e}/{a,b}/[1-2]`, '-o', 'f_#2_#1', ...W] },
    { args: ['-s', `${e}/[1-2]`, '-o', 'f_#3_#0_#1', ...W] },
    { args: ['-s', `${e}/f[1-2].txt`, '-O', ...W] },
    { args: ['-s', `${e}/[1-3]`, '-o', 'same.txt', ...W] },
    { args: ['-s', `${e}/[1-2]`, '-o', '-', ...W] },
    { args: ['-s', `${e}/a`, '-o', 'one', `${e}/b`, ...W] },
    { args: ['-s', `${e}/plain`, '-o', 'p#1', ...W] },
    // --remote-name-all and --no-remote-name.
    { args: ['-s', '--remote-name-all', `${e}/ra`, `${e}/rb`, ...W] },
    { args: ['-s', '--remote-name-all', `${e}/ra`, '-o', 'out.txt', `${e}/rb`, ...W] },
    { args: ['-s', '--remote-name-all', `${e}/ra`, '--no-remote-name', `${e}/rb`, `${e}/rc`, ...W] },
    { args: ['-s', '--remote-name-all', `${e}/g[1-2]`, '-:', `${e}/h1`, ...W] },
    { args: ['-s', '--remote-name-all', `${e}/x.txt`, '-o', '-', ...W] },
    // --fail-early.
    { args: ['-s', '--fail-early', '-f', `${e}/status/404`, `${e}/after`, ...W] },
    { args: ['-s', '-f', `${e}/status/404`, `${e}/after`, ...W] },
    { args: ['-s', '--fail-early', 'http://127.0.0.1:1/', `${e}/after`, ...W] },
    { args: ['-s', '--fail-early', `${e}/ok`, 'http://127.0.0.1:1/', `${e}/after`, ...W] },
    { args: ['-s', '--fail-early', `${e}/a`, '-:', '-f', `${e}/status/500`, '-:', `${e}/c`, ...W] },
    { args: ['-s', '--fail-early', '-f', `${e}/status/{200,404,200}`, ...W] },
    // (No -w: curl 7.88 writes one for the -Z transfer it had set up and never ran.)
    { args: ['-s', '-Z', '--parallel-max', '1', '--fail-early', 'http://127.0.0.1:1/', `${e}/x`] },
    // -T names are globbed too.
    { args: ['-s', '-T', '{a,b}', `${e}/[1-2]/`, ...W], files: { a: 'x', b: 'yy' } },
    { args: ['-s', '-T', '[a-5]', `${e}/`, ...W] },
    // -K files in curl's syntax.
    { args: ['-K', 'c.conf'], files: conf(`# comment\n  # indented\nurl = "${e}/one"\n-w "%{url_effective}\\n"\nsilent\nheader = "X-A: b"\n`) },
    { args: ['-s', '-K', 'c.conf', ...W], files: conf(`bogus-option 1\nurl ${e}/after-unknown\n`) },
    { args: ['-s', '-K', 'c.conf', ...W], files: conf(`url = :${e}/sep\n`) },
    { args: ['-s', '-K', 'c.conf', ...W], files: conf(`--url=${e}/dashed-eq\n`) },
    { args: ['-s', '-K', 'c.conf', ...W], files: conf(`url "${e}/quoted" rest\nheader "X-A: q\\x\\"y\\\\z"\n`) },
    { args: ['-s', '-K', 'c.conf', ...W], files: conf(`url: ${e}/colon\nheade "X-A: abbr"\n`) },
    { args: ['-s', '-K', 'c.conf', ...W], files: conf(`url ${e}/a trailing words\nurl\n-o\n`) },
    { args: ['-s', '-K', 'c.conf', ...W], files: conf(`url ${e}/crlf\r\nheader "X-A: crlf"\r\n`) },
    { args: ['-s', '-K', 'c.conf', ...W], files: conf(`url = "${e}/k[1-2]"\n-o "k#1.out"\n`) },
    { args: ['-s', `${e}/n1`, '-K', 'c.conf', ...W], files: conf(`next\nurl ${e}/n2\n`) },
    { args: ['-s', '-K', '-', ...W], input: `url = "${e}/stdin"\n` },
    { args: ['-s', '-K', '/nonexistent/c.conf', `${e}/x`, ...W] },
    // The default config file.
    { args: ['-s', `${e}/h`, ...W], rc: 'header = "X-A: rc"\n' },
    { args: ['-q', '-s', `${e}/h`, ...W], rc: 'header = "X-A: rc"\n' },
    { args: ['--disable', '-s', `${e}/h`, ...W], rc: 'header = "X-A: rc"\n' },
    { args: ['-s', '-q', `${e}/h`, ...W], rc: 'header = "X-A: rc"\n' },
    { args: ['-s', ...W], rc: `url = "${e}/fromrc"\n` },
    { args: [`${e}/w`], rc: 'silent\n-w "%{http_code}\\n"\n' },
    { args: ['-s', `${e}/xdg`, ...W], rc: 'header = "X-A: xdg"\n', xdg: true },
    { args: ['-s', `${e}/cmd`, ...W], rc: `bogus\nurl ${e}/rc-url\n` },
    { args: ['-s', `${e}/g[1-2]`, ...W], rc: 'remote-name-all\n' },
    { args: ['-s', `${e}/after-rc`, ...W], rc: `url ${e}/rc1\nnext\n` },
  ];
}

interface Outcome {
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly files: Record<string, string>;
}

async function runIn(cmd: 'qurl' | 'curl', c: Case): Promise<Outcome> {
  const cwd = mkdtempSync(join(tmpdir(), `qurl-cg-${cmd}-`));
  const home = mkdtempSync(join(tmpdir(), `qurl-cg-home-${cmd}-`));
  for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(cwd, name), text);
  const env: Record<string, string> = { HOME: home };
  if (c.rc !== undefined) {
    const dir = c.xdg ? join(home, 'xdg') : home;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, cmd === 'qurl' ? '.qurlrc' : '.curlrc'), c.rc);
    if (c.xdg) env.XDG_CONFIG_HOME = dir;
  }
  const [file, args] = cmd === 'qurl' ? ['node', [QURL_BIN, ...c.args]] : ['curl', [...c.args]];
  const r = await execa(file, args, { reject: false, env: hermeticEnv(env), extendEnv: false, cwd, encoding: 'buffer', stripFinalNewline: false, input: c.input ?? '', timeout: 30_000 });
  const files = Object.fromEntries(
    readdirSync(cwd)
      .filter((f) => !(f in (c.files ?? {})))
      .sort()
      .map((f) => [f, readFileSync(join(cwd, f), 'latin1')]),
  );
  return { exitCode: r.exitCode, stdout: Buffer.from(r.stdout).toString('latin1'), files };
}

withCurl.describe('curl compatibility: globs, outputs, --fail-early, config files', () => {
  it('has the command lines the brief asks for', () => {
    expect(cases().length).toBeGreaterThanOrEqual(50);
  });

  it('same exit codes, stdout and written files', async () => {
    for (const c of cases()) {
      const [q, k] = await Promise.all([runIn('qurl', c), runIn('curl', c)]);
      const label = `qurl vs curl: ${c.args.join(' ')}${c.rc === undefined ? '' : ` (rc: ${JSON.stringify(c.rc)})`}`;
      expect.soft(q.exitCode, label).toBe(k.exitCode);
      expect.soft(q.stdout, label).toBe(k.stdout);
      expect.soft(q.files, label).toEqual(k.files);
    }
  }, 180_000);
});
