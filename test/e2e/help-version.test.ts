// -V says what this installation has, and `qurl help [TOPIC]` answers instead of looking up a host called help.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { qurl } from '../helpers/run-qurl.js';

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
