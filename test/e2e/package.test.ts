// The npm package as a user gets it: packed, installed into an empty prefix with no dev tree and no network,
// and run from the bin npm links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { hermeticEnv } from '../helpers/run-qurl.js';
import { needs, onPath } from '../helpers/needs.js';
import { bashComplete, fishComplete, zshComplete } from '../helpers/shell-complete.js';
import { startHttpServer, type Running } from '../helpers/raw-servers.js';

const root = resolve(import.meta.dirname, '../..');
let work: string;
let tarball: string;
let installed: string;
let server: Running;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'qurl-pack-'));
  // --ignore-scripts: dist/ is already built by `npm test`, and a rebuild here would pull it from under the other tests.
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root });
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info!.filename);
  const prefix = join(work, 'prefix');
  // --omit=optional: no QUIC binding, and nothing to fetch; a package with runtime dependencies would fail offline.
  await execa('npm', ['install', '--offline', '--omit=optional', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { env: { ...process.env, npm_config_cache: join(work, 'cache') } });
  installed = join(prefix, 'node_modules/.bin/qurl');
  server = await startHttpServer((_req, res) => res.end('hello from the packed qurl\n'));
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

const run = (args: string[]) => execa(installed, args, { reject: false, env: hermeticEnv(), extendEnv: false, stripFinalNewline: false });

describe('the packed package', () => {
  it('holds the built bundles, the bin, the README and the LICENSE, and no sources or tests', async () => {
    const listed = await execa('tar', ['-tzf', tarball]);
    const files = listed.stdout.split('\n').map((f) => f.replace(/^package\//, ''));
    expect(files).toEqual(
      expect.arrayContaining(['bin/qurl.js', 'dist/qurl.cjs', 'dist/grpc.cjs', 'dist/serve.cjs', 'man/qurl.1', 'completions/qurl.bash', 'completions/_qurl', 'completions/qurl.fish', 'README.md', 'LICENSE', 'package.json']),
    );
    expect(files.filter((f) => /^(src|test|bench|scripts)\//.test(f))).toEqual([]);
  });

  it('installs with nothing else: no runtime dependencies', () => {
    expect(readdirSync(join(work, 'prefix/node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['qurl']);
  });

  it('runs from the linked bin: --version (without the QUIC binding, no HTTP3) and a request', async () => {
    const version = await run(['--version']);
    expect(version.exitCode).toBe(0);
    expect(version.stdout).toMatch(/^qurl \d+\.\d+\.\d+ \(node v/);
    expect(version.stdout).toMatch(/^Features: .*\bHTTP2\b/m);
    expect(version.stdout).not.toMatch(/\bHTTP3\b/);
    const get = await run(['-sS', server.url]);
    expect(get.exitCode).toBe(0);
    expect(get.stdout).toBe('hello from the packed qurl\n');
  });

  it('asks for HTTP/3 without the binding: a clear error, not a stack trace', async () => {
    const r = await run(['-sS', '--http3-only', `https://127.0.0.1:${new URL(server.url).port}/`]);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/^qurl: \(\d+\) .*QUIC/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

needs(onPath('man'), 'man (apt-get install -y man-db)').it('the installed man page renders with man -l', async () => {
  const page = join(work, 'prefix/node_modules/qurl/man/qurl.1');
  const r = await execa('man', ['-l', page], { env: { ...process.env, MANWIDTH: '80', MANPAGER: 'cat', PAGER: 'cat' } });
  expect(r.stdout).toMatch(/^QURL\(1\)/);
  expect(r.stdout).toMatch(/--http3-only/);
  expect(r.stdout).toMatch(/EXIT STATUS/);
});

describe('the installed completion scripts, each through its shell: qurl --ht<TAB> offers --http3', () => {
  const installed = (file: string): string => join(work, 'prefix/node_modules/qurl/completions', file);
  it('bash', async () => {
    expect(await bashComplete(installed('qurl.bash'), ['qurl', '--ht'])).toContain('--http3');
  });
  needs(onPath('fish'), 'fish (apt-get install -y fish)').it('fish', async () => {
    expect(await fishComplete(installed('qurl.fish'), 'qurl --ht')).toContain('--http3');
  });
  needs(onPath('zsh'), 'zsh (apt-get install -y zsh)').it('zsh', async () => {
    expect(await zshComplete(installed('_qurl'), 'qurl --ht', 'http3-only')).toMatch(/--http3 +-- try HTTP\/3/);
  });
});
