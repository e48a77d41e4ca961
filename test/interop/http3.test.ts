// HTTP/3 against two independent stacks: caddy (quic-go) and ngtcp2's gtlsserver (ngtcp2 + nghttp3 + GnuTLS).
import { execa, type ResultPromise } from 'execa';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { needs } from '../helpers/needs.js';
import { qurl, qurlBuffer } from '../helpers/run-qurl.js';
import { freePort, hasCommand, preparePeerDir, runCaddy, stop, waitForPort, waitForUdpPort } from './helpers/peer.js';

const hasCaddy = await hasCommand('caddy', ['version']);
const hasNgtcp2 = await execa('gtlsserver', ['--help'], { reject: false }).then((r) => /Usage/.test(r.stdout + r.stderr), () => false);
const withCaddy = needs(hasCaddy, 'caddy (apt-get install -y caddy)');
const withNgtcp2 = needs(hasNgtcp2, 'gtlsserver (apt-get install -y ngtcp2-server)');

const dir = mkdtempSync(join(tmpdir(), 'qurl-h3-'));
const www = join(dir, 'www');
const files = { 'small.txt': Buffer.from('hello over QUIC\n'), 'big.bin': randomBytes(4 * 1024 * 1024) };
let caddy: ResultPromise | undefined;
let ngtcp2: ResultPromise | undefined;
let caddyPort = 0;
let ngtcp2Port = 0;
let caFile = '';

beforeAll(async () => {
  if (!hasCaddy && !hasNgtcp2) return;
  const peer = await preparePeerDir(dir, www, files);
  caFile = peer.caFile;
  if (hasCaddy) {
    caddyPort = await freePort();
    caddy = runCaddy(dir, 'h1 h2 h3', `https://localhost:${caddyPort} {\n  bind 127.0.0.1\n  tls ${peer.certFile} ${peer.keyFile}\n  root * ${www}\n  file_server\n}\n`);
    await waitForPort(caddyPort, 10_000, 'caddy');
    await waitForUdpPort(caddyPort, 10_000, 'caddy');
  }
  if (hasNgtcp2) {
    ngtcp2Port = await freePort();
    ngtcp2 = execa('gtlsserver', ['-q', '-d', www, '127.0.0.1', String(ngtcp2Port), peer.keyFile, peer.certFile], { reject: false });
    await waitForUdpPort(ngtcp2Port, 10_000, 'gtlsserver');
  }
});

afterAll(async () => {
  await stop(caddy);
  await stop(ngtcp2);
});

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const peers = [
  { name: 'caddy (quic-go)', needs: withCaddy, port: () => caddyPort, server: 'Caddy' },
  { name: 'gtlsserver (ngtcp2 + nghttp3)', needs: withNgtcp2, port: () => ngtcp2Port, server: 'nghttp3/ngtcp2 server' },
];

withCaddy.describe('Alt-Svc from caddy', () => {
  it('--alt-svc learns caddy\'s h3 advertisement over HTTP/2, then the next run uses HTTP/3', async () => {
    const file = join(dir, 'alt-svc.txt');
    const url = `https://localhost:${caddyPort}/small.txt`;
    const args = ['-s', '--cacert', caFile, '--alt-svc', file, '-o', '/dev/null', '-w', '%{http_version}'];
    expect((await qurl([...args, url])).stdout).toBe('2');
    expect((await qurl([...args, url])).stdout).toBe('3');
  });
});

for (const peer of peers) {
  peer.needs.describe(`HTTP/3 against ${peer.name}`, () => {
    const url = (path: string): string => `https://localhost:${peer.port()}${path}`;

    it('--http3-only: bodies hash-equal to the files served, version 3, QUIC timings in order', async () => {
      for (const [name, data] of Object.entries(files)) {
        const r = await qurlBuffer(['--http3-only', '--cacert', caFile, url(`/${name}`)]);
        expect(r.exitCode).toBe(0);
        expect(sha(r.stdout)).toBe(sha(data));
      }
      const w = await qurl(['--http3-only', '-s', '--cacert', caFile, '-o', '/dev/null', '-w', '%{http_version} %{ssl_verify_result} %{size_download} %{time_namelookup} %{time_connect} %{time_appconnect} %{time_starttransfer} %{time_total}', url('/big.bin')]);
      const [version, verify, size, ...times] = w.stdout.split(' ');
      expect([version, verify, size]).toEqual(['3', '0', String(files['big.bin'].length)]);
      const t = times.map(Number);
      expect(t[1]).toBeGreaterThan(0);
      expect([...t].sort((a, b) => a - b)).toEqual(t);
    });

    it('--http3 picks HTTP/3 when the server speaks it; -v shows the QUIC handshake and the head', async () => {
      const r = await qurl(['--http3', '-v', '--cacert', caFile, url('/small.txt')]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe('hello over QUIC\n');
      expect(r.stderr).toMatch(/^\* ALPN: offers h3$/m);
      expect(r.stderr).toMatch(/^\* ALPN: server accepted h3$/m);
      expect(r.stderr).toMatch(/^\*  SSL certificate verify ok\.$/m);
      expect(r.stderr).toMatch(/^> GET \/small\.txt HTTP\/3\r$/m);
      expect(r.stderr).toMatch(/^< HTTP\/3 200\r$/m);
      expect(r.stderr).not.toMatch(/falling back/);
    });

    it('several URLs share one QUIC connection, sequentially and with -Z', async () => {
      const args = ['--http3-only', '-s', '--cacert', caFile, '-w', '%{num_connects}\\n'];
      const seq = await qurl([...args, '-o', '/dev/null', '-o', '/dev/null', '-o', '/dev/null', url('/small.txt'), url('/big.bin'), url('/small.txt')]);
      expect(seq.stdout).toBe('1\n0\n0\n');
      const urls = Array.from({ length: 8 }, () => url('/small.txt'));
      const par = await qurl([...args, '-Z', ...urls.flatMap((u) => ['-o', '/dev/null', u])]);
      expect(par.exitCode).toBe(0);
      expect(par.stdout.split('\n').filter(Boolean).map(Number).reduce((a, b) => a + b, 0)).toBe(1);
    });

    it('-I, -i, 404 with -f, and a certificate nobody trusts (60) or -k', async () => {
      const head = await qurl(['--http3-only', '-sI', '--cacert', caFile, url('/small.txt')]);
      expect(head.stdout).toMatch(/^HTTP\/3 200\r\n/);
      expect(head.stdout).toMatch(/^content-length: 16\r$/im);
      const withHead = await qurl(['--http3-only', '-si', '--cacert', caFile, url('/small.txt')]);
      expect(withHead.stdout).toMatch(/\r\n\r\nhello over QUIC\n$/);
      expect((await qurl(['--http3-only', '-sf', '--cacert', caFile, url('/missing')])).exitCode).toBe(22);
      const untrusted = await qurl(['--http3-only', url('/small.txt')]);
      expect(untrusted.exitCode).toBe(60);
      expect(untrusted.stderr).toMatch(/^qurl: \(60\) SSL certificate problem: .*QUIC/m);
      expect((await qurl(['--http3-only', '-k', url('/small.txt')])).stdout).toBe('hello over QUIC\n');
    });

    it('--trace-frames decodes the peer\'s control stream and its QPACK (Huffman-coded) response fields', async () => {
      const r = await qurl(['--http3-only', '-s', '--cacert', caFile, '-o', '/dev/null', '--trace-frames', '-', url('/small.txt')]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/^\[ *\d+\.\d{3}\] recv stream \d+ opened: CONTROL$/m);
      expect(r.stdout).toMatch(/^\[ *\d+\.\d{3}\] recv SETTINGS frame <length=\d+, stream_id=\d+>$/m);
      expect(r.stdout).toMatch(/^\[ *\d+\.\d{3}\] recv HEADERS frame <length=\d+, stream_id=0>\n {10}; QPACK required_insert_count=0, base=0\n {10}:status: 200$/m);
      expect(r.stdout).toContain(`\n          server: ${peer.server}\n`);
      expect(r.stdout).toMatch(/^\[ *\d+\.\d{3}\] recv DATA frame <length=16, stream_id=0>$/m);
    });
  });
}
