// The default config file (~/.qurlrc and curl's other places), -q, -K and curl's config syntax, through the CLI.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qurl } from '../helpers/run-qurl.js';
import { startHttpServer, type Running } from '../helpers/raw-servers.js';

let echo: Running;

beforeAll(async () => {
  echo = await startHttpServer((req, res) => res.end(`${req.method} ${req.url} ${req.headers['x-from'] ?? '-'}\n`));
});
afterAll(() => echo.close());

function home(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'qurl-rc-home-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('default config file', () => {
  it('reads ~/.qurlrc before the command line', async () => {
    const h = home({ '.qurlrc': 'header = "X-From: rc"\n' });
    const r = await qurl([`${echo.url}/a`], { env: { HOME: h } });
    expect(r.stdout).toBe('GET /a rc\n');
  });

  it('-q (or --disable) as the first argument skips it; later it changes nothing', async () => {
    const h = home({ '.qurlrc': 'header = "X-From: rc"\n' });
    const runs = await Promise.all([['-q', `${echo.url}/q`], ['--disable', `${echo.url}/d`], [`${echo.url}/late`, '-q']].map((a) => qurl(a, { env: { HOME: h } })));
    expect(runs.map((r) => r.stdout)).toEqual(['GET /q -\n', 'GET /d -\n', 'GET /late rc\n']);
  });

  it("looks where curl looks, in curl's order", async () => {
    const h = home({ '.qurlrc': 'header = "X-From: home"\n', 'q/.qurlrc': 'header = "X-From: qurl-home"\n', 'x/qurlrc': 'header = "X-From: xdg"\n', '.config/qurlrc': 'header = "X-From: dot-config"\n' });
    const cases: [Record<string, string>, string][] = [
      [{ HOME: h, QURL_HOME: join(h, 'q'), XDG_CONFIG_HOME: join(h, 'x') }, 'qurl-home'],
      [{ HOME: h, XDG_CONFIG_HOME: join(h, 'x') }, 'xdg'],
      [{ HOME: h }, 'home'],
      [{ HOME: home({ '.config/qurlrc': 'header = "X-From: dot-config"\n' }) }, 'dot-config'],
    ];
    const runs = await Promise.all(cases.map(([env]) => qurl([`${echo.url}/o`], { env })));
    expect(runs.map((r) => r.stdout)).toEqual(cases.map(([, from]) => `GET /o ${from}\n`));
  });

  it("warns about lines curl would skip and reads on; -s in the file quiets what follows", async () => {
    const h = home({ '.qurlrc': 'bogus-option 1\nurl = "URL/from-rc"\n' .replace('URL', 'http://127.0.0.1:9') });
    const r = await qurl(['-:', `${echo.url}/cmd`], { env: { HOME: h } });
    expect(r.stderr).toContain(`Warning: ${join(h, '.qurlrc')}:1: 'bogus-option' is unknown\n`);
    const quiet = home({ '.qurlrc': 'silent\nbogus-option\n' });
    expect((await qurl([`${echo.url}/s`], { env: { HOME: quiet } })).stderr).toBe('');
  });
});

describe('-K files', () => {
  it("reads curl's syntax: bare and dashed names, = : and blanks, quotes with escapes, url lines, comments", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qurl-k-'));
    const file = join(dir, 'c.conf');
    writeFileSync(file, `# a comment\n  # indented\n/ C style\nurl = "${echo.url}/one"\n--header "X-From: \\"q\\""\nwrite-out: "%{http_code}\\n"\n-s\nurl ${echo.url}/two\n`);
    const r = await qurl(['-K', file]);
    expect(r.stdout).toBe('GET /one "q"\n200\nGET /two "q"\n200\n');
  });

  it('-K - reads stdin; nested -K and --next inside files work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qurl-k-'));
    writeFileSync(join(dir, 'inner.conf'), `url ${echo.url}/inner\n`);
    const r = await qurl(['-s', `${echo.url}/first`, '-K', '-'], { input: `next\nheader "X-From: next"\nconfig ${join(dir, 'inner.conf')}\n` });
    expect(r.stdout).toBe('GET /first -\nGET /inner next\n');
  });

  it('an unreadable -K file is 26', async () => {
    const r = await qurl(['-K', '/nonexistent/file', `${echo.url}/x`]);
    expect(r.exitCode).toBe(26);
  });
});
