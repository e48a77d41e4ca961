// -V says what this installation has, and `qurl help [TOPIC]` answers instead of looking up a host called help.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { qurl } from '../helpers/run-qurl.js';
import { needs, onPath } from '../helpers/needs.js';
import { BENCH_OPTIONS, SERVE_OPTIONS } from '../../src/cli/command-options.js';
import { parseBenchArgs } from '../../src/bench/index.js';

/** The QUIC binding is an optional dependency built for linux-x64 only. */
const quicInstalled = ((): boolean => {
  try {
    createRequire(import.meta.url)('@matrixai/quic-linux-x64');
    return true;
  } catch {
    return false;
  }
})();

describe('-V', () => {
  it('lists the features this installation has: HTTP3 only with the QUIC binding, zstd only where Node has it', async () => {
    const r = await qurl(['-V']);
    expect(r.exitCode).toBe(0);
    const features = /^Features: (.*)$/m.exec(r.stdout)?.[1]?.split(' ') ?? [];
    expect(features).toEqual(expect.arrayContaining(['HTTP2', 'gRPC', 'SSE', 'brotli', 'libz', 'HTTPS-proxy', 'UnixSockets']));
    expect(features.includes('HTTP3')).toBe(quicInstalled);
    expect(features.includes('zstd')).toBe(process.versions.zstd !== undefined);
    expect(features).not.toContain('HTTP/1.1');
  });
});

describe('qurl help', () => {
  it('prints the usage, with every command', async () => {
    const r = await qurl(['help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Usage: qurl \[options\.\.\.\] <url>/);
    for (const command of ['sse', 'grpc', 'bench', 'serve']) expect(r.stdout).toContain(`qurl ${command} `);
  });

  it.each([
    ['grpc', /-plaintext/],
    ['bench', /-n/],
    ['serve', /--h2c-port/],
  ])('help %s is that command\'s --help', async (topic, text) => {
    const r = await qurl(['help', topic]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(text);
  });

  it('an unknown topic is a usage error that names the topics, not a DNS lookup', async () => {
    const r = await qurl(['help', 'nope']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe("qurl: (2) no help on \"nope\": try 'qurl help' or 'qurl help grpc|sse|serve|bench' (a host called help: 'qurl http://help/')\n");
  });
});

describe('--completions', () => {
  it('prints the script for bash, zsh and fish, the same as the files in completions/', async () => {
    for (const [shell, file] of [['bash', 'qurl.bash'], ['zsh', '_qurl'], ['fish', 'qurl.fish']] as const) {
      const r = await qurl(['--completions', shell]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(readFileSync(resolve(import.meta.dirname, '../../completions', file), 'utf8'));
    }
  });

  it('another shell is a usage error that names the three', async () => {
    const r = await qurl(['--completions', 'tcsh']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('qurl: (2) --completions: no script for "tcsh" (bash, zsh or fish)\n');
  });
});

describe('the option tables of qurl serve and qurl bench are what their parsers take', () => {
  const value = (arg: string | undefined): string[] => (arg === undefined ? [] : [arg === 'ADDR' ? '127.0.0.1' : arg === 'FILE' ? '/tmp/qurl-ca.pem' : arg === 'DURATION' ? '1s' : '5']);

  it('every qurl serve option is accepted (before --help, which then prints the usage)', async () => {
    for (const o of SERVE_OPTIONS) {
      const r = await qurl(['serve', `--${o.long}`, ...value(o.arg), '--help']);
      expect(r.exitCode, `--${o.long}`).toBe(0);
      expect(r.stdout).toContain(`--${o.long}`);
    }
    expect((await qurl(['serve', '--bogus'])).exitCode).toBe(2);
  });

  it('every qurl bench load option is taken off the command line, by either spelling', () => {
    for (const o of BENCH_OPTIONS) {
      for (const name of [`--${o.long}`, ...(o.short ? [`-${o.short}`] : [])]) expect(parseBenchArgs([name, ...value(o.arg), 'http://h/']).rest, name).toEqual(['http://h/']);
    }
  });
});

describe('--help CATEGORY and --manual', () => {
  it('--help tls shows only that category; --help category lists them; curl\'s names are understood', async () => {
    const tls = await qurl(['--help', 'tls']);
    expect(tls.exitCode).toBe(0);
    expect(tls.stdout).toMatch(/^TLS:$/m);
    expect(tls.stdout).toContain('--cacert <FILE>');
    expect(tls.stdout).not.toContain('--location');
    expect((await qurl(['--help', 'verbose'])).stdout).toContain('--trace-frames');
    const list = await qurl(['--help', 'category']);
    expect(list.stdout).toMatch(/^ connection {2}Connection$/m);
    const bad = await qurl(['--help', 'nope']);
    expect([bad.exitCode, bad.stderr]).toEqual([2, 'qurl: (2) --help: no category "nope" (qurl --help category lists them)\n']);
    expect((await qurl(['--help'])).stdout).toBe((await qurl(['--help', 'all'])).stdout);
  });

  needs(onPath('man'), 'man (apt-get install -y man-db)').it('--manual shows the man page through man(1)', async () => {
    const r = await qurl(['--manual'], { env: { MANPAGER: 'cat', PAGER: 'cat', MANWIDTH: '80' } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^QURL\(1\)/);
    expect(r.stdout).toMatch(/^EXIT STATUS$/m);
  });
});
