// --variable and --expand-OPTION (curl 8.3), through the CLI: from text, files, stdin and the environment.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qurl } from '../helpers/run-qurl.js';
import { startHttpServer, type Running } from '../helpers/raw-servers.js';

let echo: Running & { requests: { url: string; headers: Record<string, string>; body: string }[] };

beforeAll(async () => {
  echo = await startHttpServer((req, res) => res.end(`${req.method} ${req.url}\n`));
});
afterAll(() => echo.close());

const last = (): { url: string; headers: Record<string, string>; body: string } => echo.requests.at(-1)!;

describe('--variable and --expand-', () => {
  it('puts variables with functions into URLs, headers and data', async () => {
    const r = await qurl(['-s', '--variable', 'name= Ada L ', '--expand-url', `${echo.url}/{{name:trim:url}}`, '--expand-header', 'X-B64: {{name:trim:b64}}', '--expand-json', '{"n":"{{name:trim:json}}"}']);
    expect(r.exitCode).toBe(0);
    expect(last().url).toBe('/Ada%20L');
    expect(last().headers['x-b64']).toBe(Buffer.from('Ada L').toString('base64'));
    expect(last().body).toBe('{"n":"Ada L"}');
  });

  it('imports the environment (%NAME, %NAME=default) and reads files and stdin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qurl-var-'));
    writeFileSync(join(dir, 'token'), 'secret\n');
    const r = await qurl(['-s', '--variable', '%QURL_T_USER', '--variable', '%QURL_T_NONE=anon', '--variable', `tok@${join(dir, 'token')}`, '--variable', 'in@-', '--expand-url', `${echo.url}/{{QURL_T_USER}}/{{QURL_T_NONE}}/{{tok:trim}}/{{in:trim}}`], { env: { QURL_T_USER: 'me' }, input: ' piped \n' });
    expect(r.stdout).toBe('GET /me/anon/secret/piped\n');
  });

  it('an unknown variable is empty; without --expand- nothing is expanded', async () => {
    const r = await qurl(['-s', '--variable', 'a=1', '--expand-url', `${echo.url}/x{{nope}}y`, '-H', 'X-Raw: {{a}}']);
    expect(last().url).toBe('/xy');
    expect(last().headers['x-raw']).toBe('{{a}}');
    expect(r.exitCode).toBe(0);
  });

  it("curl's errors: an unset import is 2, an unreadable file 26, an unknown function 2", async () => {
    const runs = await Promise.all([
      qurl(['--variable', '%QURL_T_UNSET', echo.url]),
      qurl(['--variable', 'f@/nonexistent/file', echo.url]),
      qurl(['--variable', 'a=1', '--expand-url', `${echo.url}/{{a:nope}}`]),
    ]);
    expect(runs.map((r) => [r.exitCode, r.stderr])).toEqual([
      [2, "qurl: (2) Variable 'QURL_T_UNSET' import fail, not set\n"],
      [26, 'qurl: (26) --variable: failed to open /nonexistent/file: No such file or directory\n'],
      [2, "qurl: (2) unknown variable function in ':nope'\n"],
    ]);
  });

  it('works in config files, and --expand-config picks the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qurl-var-'));
    writeFileSync(join(dir, 'v.conf'), `variable = "p=from-config"\nexpand-url = "${echo.url}/{{p}}/{{d:url}}"\n`);
    const r = await qurl(['-s', '--variable', `d=${dir}`, '--expand-config', '{{d}}/v.conf']);
    expect(r.stdout).toBe(`GET /from-config/${encodeURIComponent(dir)}\n`);
  });

  it('--expand- takes abbreviations: --expand-heade, --var', async () => {
    await qurl(['-s', '--var', 'v=abbr', '--expand-heade', 'X-V: {{v}}', echo.url]);
    expect(last().headers['x-v']).toBe('abbr');
  });
});
