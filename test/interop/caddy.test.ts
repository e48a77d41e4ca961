// HTTP/1.1 and HTTP/2 against an independent server: Debian's caddy (Go net/http) over plain TCP and TLS.
import type { ResultPromise } from 'execa';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { needs } from '../helpers/needs.js';
import { qurl, qurlBuffer } from '../helpers/run-qurl.js';
import { freePort, hasCommand, preparePeerDir, runCaddy, stop, waitForPort } from './helpers/peer.js';

const hasCaddy = await hasCommand('caddy', ['version']);
const withCaddy = needs(hasCaddy, 'caddy (apt-get install -y caddy)');

const dir = mkdtempSync(join(tmpdir(), 'qurl-caddy-'));
const www = join(dir, 'www');
const files = { 'small.txt': Buffer.from('hello from caddy\n'), 'big.bin': randomBytes(3 * 1024 * 1024) };
let caddy: ResultPromise | undefined;
let httpPort = 0;
let httpsPort = 0;
let caFile = '';

beforeAll(async () => {
  if (!hasCaddy) return;
  const peer = await preparePeerDir(dir, www, files);
  caFile = peer.caFile;
  [httpPort, httpsPort] = [await freePort(), await freePort()];
  caddy = runCaddy(
    dir,
    'h1 h2',
    `http://127.0.0.1:${httpPort} {\n  bind 127.0.0.1\n  root * ${www}\n  redir /old /small.txt 301\n  file_server\n}\n` +
      `https://localhost:${httpsPort} {\n  bind 127.0.0.1\n  tls ${peer.certFile} ${peer.keyFile}\n  root * ${www}\n  file_server\n}\n`,
  );
  await waitForPort(httpPort, 10_000, 'caddy');
  await waitForPort(httpsPort, 10_000, 'caddy');
});

afterAll(() => stop(caddy));

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

withCaddy.describe('HTTP/1.1 against caddy', () => {
  it('plain HTTP: bodies hash-equal to the files served', async () => {
    for (const [name, data] of Object.entries(files)) {
      const r = await qurlBuffer([`http://127.0.0.1:${httpPort}/${name}`]);
      expect(r.exitCode).toBe(0);
      expect(sha(r.stdout)).toBe(sha(data));
    }
  });

  it('HTTPS with ALPN http/1.1: body, version and verified certificate', async () => {
    const r = await qurl(['-s', '--http1.1', '--cacert', caFile, '-o', '/dev/null', '-w', '%{http_code} %{http_version} %{ssl_verify_result} %{size_download}', `https://localhost:${httpsPort}/big.bin`]);
    expect(r.stdout).toBe(`200 1.1 0 ${files['big.bin'].length}`);
  });

  it('keep-alive reuse, 404 with -f, redirect with -L', async () => {
    const base = `http://127.0.0.1:${httpPort}`;
    const reuse = await qurl(['-s', '-o', '/dev/null', '-o', '/dev/null', '-w', '%{num_connects}', `${base}/small.txt`, `${base}/small.txt`]);
    expect(reuse.stdout).toBe('10');
    expect((await qurl(['-f', `${base}/missing`])).exitCode).toBe(22);
    const redirected = await qurl(['-sL', '-w', '%{num_redirects}', `${base}/old`]);
    expect(redirected.stdout).toBe('hello from caddy\n1');
  });

  it('-v shows caddy\'s response head', async () => {
    const r = await qurl(['-v', '-o', '/dev/null', `http://127.0.0.1:${httpPort}/small.txt`]);
    expect(r.stderr).toMatch(/^< HTTP\/1\.1 200 OK\r$/m);
    expect(r.stderr).toMatch(/^< Server: Caddy\r$/m);
  });
});

withCaddy.describe('HTTP/2 against caddy (Go net/http2)', () => {
  it('https offers h2 by ALPN; bodies hash-equal; one connection for several URLs', async () => {
    const url = `https://localhost:${httpsPort}/big.bin`;
    const r = await qurl(['-s', '--cacert', caFile, '-o', '/dev/null', '-o', '/dev/null', '-w', '%{http_version} %{num_connects} %{size_download}\\n', url, url]);
    expect(r.stdout).toBe(`2 1 ${files['big.bin'].length}\n2 0 ${files['big.bin'].length}\n`);
    const body = await qurlBuffer(['--cacert', caFile, `https://localhost:${httpsPort}/small.txt`]);
    expect(sha(body.stdout)).toBe(sha(files['small.txt']));
  });
});
