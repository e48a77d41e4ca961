// The progress meter as a person sees it on a terminal (script(1) gives qurl a pseudo-terminal): curl's meter
// when the body goes to a file or a pipe, -#'s bar, -Z's summary, and no meter where curl shows none.
import { execa } from 'execa';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { needs, onPath } from '../helpers/needs.js';
import { hermeticEnv, qurl, QURL_BIN } from '../helpers/run-qurl.js';

const hasScript = await onPath('script');
const withTerminal = needs(hasScript, 'script(1) (apt-get install -y bsdutils)');
const BODY = Buffer.alloc(300 * 1024, 'p');
let server: http.Server;
let url = '';
const dir = mkdtempSync(join(tmpdir(), 'qurl-progress-'));

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 1600);
    if (req.url === '/chunked') {
      res.write('no length');
      return void setTimeout(() => res.end(), 300);
    }
    res.writeHead(200, { 'content-length': BODY.length });
    for (let at = 0; at < BODY.length; at += 16384) res.write(BODY.subarray(at, at + 16384));
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

/** Runs `shell` (qurl's command line in it as QURL) on a pseudo-terminal; returns what the terminal shows: each line as its last \r left it. */
async function onTerminal(shell: string): Promise<{ lines: string[]; raw: string; exitCode: number }> {
  const command = shell.replaceAll('QURL', `node ${quote(QURL_BIN)}`);
  const r = await execa('script', ['-qec', command, '/dev/null'], { env: hermeticEnv({ TERM: 'xterm' }), extendEnv: false, reject: false, stripFinalNewline: false });
  const raw = r.stdout.replace(/\r\n/g, '\n');
  return { lines: raw.split('\n').map((l) => l.slice(l.lastIndexOf('\r') + 1)).filter((l) => l !== ''), raw, exitCode: r.exitCode ?? -1 };
}

withTerminal.describe('on a terminal', () => {
  it("shows curl's meter while the body goes to a file: its two header lines, then 100% of 300k", async () => {
    const out = join(dir, 'meter.bin');
    const { lines, raw, exitCode } = await onTerminal(`QURL -o ${quote(out)} ${url}/`);
    expect(exitCode).toBe(0);
    expect(lines[0]).toBe('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current');
    expect(lines[1]).toBe('                                 Dload  Upload   Total   Spent    Left  Speed');
    expect(lines[2]).toMatch(/^100  300k  100  300k    0     0  [ \d.kMG]{5}      0 [-:\d ]{8} [-:\d ]{8} --:--:-- [ \d.kMG]{5}$/);
    // It was redrawn while the transfer went on: the first line, at 0, then at least the last.
    expect(raw).toMatch(/\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r/);
    expect(readFileSync(out)).toEqual(BODY);
  });

  it('shows the meter when stdout is a pipe, and keeps the body intact in it', async () => {
    const out = join(dir, 'piped.bin');
    const { lines } = await onTerminal(`QURL ${url}/ | cat > ${quote(out)}`);
    expect(lines[0]).toMatch(/% Total/);
    expect(lines.at(-1)).toMatch(/^100  300k  100  300k/);
    expect(readFileSync(out)).toEqual(BODY);
  });

  it('-# draws a bar to 100.0% across the terminal, and a bouncing marker when the size is unknown', async () => {
    const known = await onTerminal(`stty cols 60; QURL -# -o /dev/null ${url}/`);
    expect(known.lines).toEqual([`${'#'.repeat(53)} 100.0%`]);
    const unknown = await onTerminal(`stty cols 60; QURL -# -o /dev/null ${url}/chunked`);
    expect(unknown.raw).toMatch(/#=#=#/);
  });

  it('-# shows a spinner and the time waited while the first byte is slow to come', async () => {
    const { raw } = await onTerminal(`stty cols 60; QURL -# -o /dev/null ${url}/slow`);
    expect(raw).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] waiting for the first byte \(1 s\)/);
  });

  it('-Z shows one summary line for the run', async () => {
    const { lines } = await onTerminal(`QURL -Z -o /dev/null -o /dev/null ${url}/ ${url}/`);
    expect(lines[0]).toBe('DL% UL%  Dled  Uled  Xfers  Live Total     Current  Left    Speed');
    expect(lines.at(-1)).toMatch(/^100  --  600k     0     2     0  [-:\d ]{8} [-:\d ]{8} [-:\d ]{8} [ \d.kMG]{5}$/);
  });

  it('a failed transfer ends its meter line before the error', async () => {
    const { lines, exitCode } = await onTerminal('QURL -o /dev/null http://127.0.0.1:1/');
    expect(exitCode).toBe(7);
    expect(lines.at(-2)).toMatch(/^  0     0    0     0/);
    expect(lines.at(-1)).toMatch(/^qurl: \(7\) Failed to connect/);
  });

  it('shows no meter with -s, --no-progress-meter, -v, a body on the terminal, or stderr not a terminal', async () => {
    for (const shell of [
      `QURL -s -o /dev/null ${url}/`,
      `QURL --no-progress-meter -o /dev/null ${url}/`,
      `QURL -v -o /dev/null ${url}/chunked`,
      `QURL ${url}/chunked`,
    ]) {
      const { raw } = await onTerminal(shell);
      expect(raw, shell).not.toMatch(/% Total|#{5}/);
    }
    const err = join(dir, 'stderr.txt');
    await onTerminal(`QURL -o /dev/null ${url}/ 2> ${quote(err)}`);
    expect(readFileSync(err, 'utf8')).toBe('');
  });
});

it('never shows a meter when nothing is a terminal', async () => {
  const r = await qurl(['-o', '/dev/null', `${url}/`]);
  expect(r.stderr).toBe('');
  const bar = await execa('node', [QURL_BIN, '-#', '-o', '/dev/null', `${url}/`], { env: hermeticEnv(), extendEnv: false });
  expect(bar.stderr).toBe('');
});
