// HTTP/2 against nghttpd (nghttp2's own server) over TLS and h2c: statuses, bodies, uploads, multiplexing,
// and our frame trace decoding nghttpd's HPACK (Huffman-coded) header blocks.
import { execa, type ResultPromise } from 'execa';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { needs } from '../helpers/needs.js';
import { qurl, qurlBuffer } from '../helpers/run-qurl.js';
import { freePort, hasCommand, preparePeerDir, stop, waitForPort } from './helpers/peer.js';

const present = await hasCommand('nghttpd');
const withNghttpd = needs(present, 'nghttpd (apt-get install -y nghttp2-server)');

const dir = mkdtempSync(join(tmpdir(), 'qurl-nghttpd-'));
const www = join(dir, 'www');
const files = { 'index.html': Buffer.from('<h1>nghttpd</h1>\n'), 'big.bin': randomBytes(4 * 1024 * 1024) };
let tls: ResultPromise | undefined;
let h2c: ResultPromise | undefined;
let tlsPort = 0;
let h2cPort = 0;
let caFile = '';

beforeAll(async () => {
  if (!present) return;
  const peer = await preparePeerDir(dir, www, files);
  caFile = peer.caFile;
  [tlsPort, h2cPort] = [await freePort(), await freePort()];
  tls = execa('nghttpd', ['-d', www, '--address=127.0.0.1', '--echo-upload', String(tlsPort), peer.keyFile, peer.certFile], { reject: false });
  h2c = execa('nghttpd', ['-d', www, '--address=127.0.0.1', '--no-tls', '--echo-upload', String(h2cPort)], { reject: false });
  await waitForPort(tlsPort, 10_000, 'nghttpd');
  await waitForPort(h2cPort, 10_000, 'nghttpd');
});

afterAll(async () => {
  await stop(tls);
  await stop(h2c);
});

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

withNghttpd.describe('HTTP/2 against nghttpd', () => {
  it('TLS (ALPN h2): status, version and bodies hash-equal to the files served', async () => {
    for (const [name, data] of Object.entries(files)) {
      const r = await qurlBuffer(['--cacert', caFile, `https://localhost:${tlsPort}/${name}`]);
      expect(r.exitCode).toBe(0);
      expect(sha(r.stdout)).toBe(sha(data));
    }
    const w = await qurl(['-s', '--cacert', caFile, '-o', '/dev/null', '-w', '%{http_code} %{http_version}', `https://localhost:${tlsPort}/index.html`]);
    expect(w.stdout).toBe('200 2');
  });

  it('h2c by prior knowledge: 404 with -f, body of a large file', async () => {
    const base = `http://127.0.0.1:${h2cPort}`;
    expect((await qurl(['-f', '--http2-prior-knowledge', `${base}/missing`])).exitCode).toBe(22);
    const big = await qurlBuffer(['--http2-prior-knowledge', `${base}/big.bin`]);
    expect(sha(big.stdout)).toBe(sha(files['big.bin']));
  });

  it('uploads come back byte for byte (--echo-upload)', async () => {
    const upload = join(dir, 'upload.bin');
    const data = randomBytes(300_000);
    writeFileSync(upload, data);
    const r = await qurlBuffer(['--http2-prior-knowledge', '--data-binary', `@${upload}`, `http://127.0.0.1:${h2cPort}/echo`]);
    expect(sha(r.stdout)).toBe(sha(data));
  });

  it('100 parallel requests on one connection', async () => {
    const url = `https://localhost:${tlsPort}/index.html`;
    const args = Array.from({ length: 100 }, () => ['-o', '/dev/null', url]).flat();
    const r = await qurl(['-s', '-Z', '--cacert', caFile, '-w', '%{num_connects} ', ...args]);
    expect(r.exitCode).toBe(0);
    const counts = r.stdout.trim().split(' ').map(Number);
    expect(counts).toHaveLength(100);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("the frame trace decodes nghttpd's Huffman-coded HPACK", async () => {
    const r = await qurl(['-s', '--http2-prior-knowledge', '--trace-frames', '-', '-o', '/dev/null', `http://127.0.0.1:${h2cPort}/index.html`]);
    expect(r.stdout).toMatch(/recv SETTINGS frame <length=\d+, flags=0x00, stream_id=0>/);
    expect(r.stdout).toMatch(/recv HEADERS frame <length=\d+, flags=0x04, stream_id=1>\n {10}; END_HEADERS\n {10}\(padlen=0\)\n {10}:status: 200\n/);
    expect(r.stdout).toMatch(/^ {10}server: nghttpd nghttp2\/[\d.]+$/m);
    expect(r.stdout).toMatch(/^ {10}content-length: 17$/m);
    expect(r.stdout).not.toMatch(/HPACK:/);
  });
});
