// Issue 9 §1 against independent servers: a request body whose file fails to read ends only its exchange (26);
// over HTTP/2 (nghttpd, caddy) and HTTP/3 (caddy, gtlsserver) only its stream is reset and the next URL reuses
// the connection; HTTP/1.1 (caddy) drops it. A whole upload still arrives whole (nghttpd echoes it).
import { execa, type ResultPromise } from 'execa';
import http from 'node:http';
import type net from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { needs } from '../helpers/needs.js';
import { qurl } from '../helpers/run-qurl.js';
import { freePort, hasCommand, preparePeerDir, runCaddy, stop, waitForPort, waitForUdpPort } from './helpers/peer.js';

/** A sysfs file that opens and announces 4096 bytes, then fails every read with EIO. */
const FAILING_FILE = '/sys/devices/system/cpu/power/autosuspend_delay_ms';
function readFails(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    readSync(fd, Buffer.alloc(16));
    return false;
  } catch {
    return true;
  } finally {
    closeSync(fd);
  }
}

const hasCaddy = await hasCommand('caddy', ['version']);
const hasNghttpd = await hasCommand('nghttpd');
const hasNgtcp2 = await execa('gtlsserver', ['--help'], { reject: false }).then((r) => /Usage/.test(r.stdout + r.stderr), () => false);
const failing = needs(readFails(FAILING_FILE), `a sysfs file whose reads fail (${FAILING_FILE})`);

const dir = mkdtempSync(join(tmpdir(), 'qurl-body-interop-'));
const www = join(dir, 'www');
let caFile = '';
const ports = { caddy: 0, nghttpd: 0, ngtcp2: 0 };
const peers: ResultPromise[] = [];
let backend: http.Server | undefined;

beforeAll(async () => {
  const peer = await preparePeerDir(dir, www, { 'after.txt': Buffer.from('after the failed upload\n') });
  caFile = peer.caFile;
  if (hasCaddy) {
    // caddy's file_server answers a PUT without reading it; its reverse proxy streams the body to a backend that
    // answers only once the body is whole, so the body's failure, not an early answer, ends the exchange.
    backend = http.createServer((req, res) => req.resume().on('end', () => res.end('uploaded\n')));
    await new Promise<void>((r) => backend!.listen(0, '127.0.0.1', r));
    const backendPort = (backend.address() as net.AddressInfo).port;
    ports.caddy = await freePort();
    peers.push(runCaddy(dir, 'h1 h2 h3', `https://localhost:${ports.caddy} {\n  bind 127.0.0.1\n  tls ${peer.certFile} ${peer.keyFile}\n  reverse_proxy /upload 127.0.0.1:${backendPort}\n  root * ${www}\n  file_server\n}\n`));
    await waitForPort(ports.caddy, 10_000, 'caddy');
    await waitForUdpPort(ports.caddy, 10_000, 'caddy');
  }
  if (hasNghttpd) {
    ports.nghttpd = await freePort();
    peers.push(execa('nghttpd', ['-d', www, '--address=127.0.0.1', '--echo-upload', String(ports.nghttpd), peer.keyFile, peer.certFile], { reject: false }));
    await waitForPort(ports.nghttpd, 10_000, 'nghttpd');
  }
  if (hasNgtcp2) {
    ports.ngtcp2 = await freePort();
    peers.push(execa('gtlsserver', ['-q', '-d', www, '127.0.0.1', String(ports.ngtcp2), peer.keyFile, peer.certFile], { reject: false }));
    await waitForUdpPort(ports.ngtcp2, 10_000, 'gtlsserver');
  }
});
afterAll(async () => {
  for (const p of peers) await stop(p);
  backend?.closeAllConnections();
  backend?.close();
});

const SERVERS = [
  { name: 'caddy over HTTP/1.1', present: hasCaddy, what: 'caddy (apt-get install -y caddy)', args: ['--http1.1'], port: () => ports.caddy, reused: false },
  { name: 'caddy over HTTP/2', present: hasCaddy, what: 'caddy (apt-get install -y caddy)', args: ['--http2'], port: () => ports.caddy, reused: true },
  { name: 'caddy over HTTP/3', present: hasCaddy, what: 'caddy (apt-get install -y caddy)', args: ['--http3-only'], port: () => ports.caddy, reused: true },
  { name: 'nghttpd over HTTP/2', present: hasNghttpd, what: 'nghttpd (apt-get install -y nghttp2-server)', args: ['--http2'], port: () => ports.nghttpd, reused: true },
  { name: 'gtlsserver over HTTP/3', present: hasNgtcp2, what: 'gtlsserver (apt-get install -y ngtcp2-server)', args: ['--http3-only'], port: () => ports.ngtcp2, reused: true },
] as const;

describe.each(SERVERS)('a failing request body against $name', (server) => {
  const withPeer = needs(server.present, server.what);
  const run = server.present ? failing.it : withPeer.it;
  run(`26 in one line; the next URL ${server.reused ? 'reuses the connection' : 'opens a new one'}`, async () => {
    const base = `https://localhost:${server.port()}`;
    const common = [...server.args, '--cacert', caFile, '-sS', '-m', '20'];
    const r = await qurl([
      ...common, '-X', 'PUT', '--data-binary', `@${FAILING_FILE}`, '-o', '/dev/null', '-w', '%{num_connects}\n', `${base}/upload`,
      '--next', ...common, '-w', '%{num_connects} %{http_code}\n', `${base}/after.txt`,
    ]);
    expect(r.stderr).toBe(`qurl: (26) Failed to read the request body from file "${FAILING_FILE}": EIO: i/o error, read\n`);
    expect(r.stdout).toBe(`1\nafter the failed upload\n${server.reused ? 0 : 1} 200\n`);
    expect(r.exitCode).toBe(0);
  });
});

needs(hasNghttpd, 'nghttpd (apt-get install -y nghttp2-server)').it('a whole 3 MB upload through the pump arrives whole at nghttpd (--echo-upload)', async () => {
  const data = randomBytes(3 << 20);
  const file = join(dir, 'upload.bin');
  writeFileSync(file, data);
  const r = await execa('node', [join(import.meta.dirname, '../../bin/qurl.js'), '--http2', '--cacert', caFile, '-sS', '-X', 'PUT', '--data-binary', `@${file}`, `https://localhost:${ports.nghttpd}/echo`], { encoding: 'buffer', reject: false });
  expect(Buffer.from(r.stderr).toString()).toBe('');
  expect(createHash('sha256').update(Buffer.from(r.stdout)).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
});
