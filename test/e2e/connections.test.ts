// Connection layer: keep-alive reuse, --resolve, --connect-to, -4/-6, TLS trust options, client certificates, SNI.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificates } from '../../src/serve/index.js';
import type { RunningServe } from '../../src/serve/index.js';
import { needs } from '../helpers/needs.js';
import { qurl } from '../helpers/run-qurl.js';
import { startHttpsServer } from '../helpers/raw-servers.js';
import { withServe } from '../helpers/serve.js';

const hasIpv6Loopback = await new Promise<boolean>((resolve) => {
  const probe = createServer();
  probe.once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});

let serve: RunningServe;
const dir = mkdtempSync(join(tmpdir(), 'qurl-conn-'));

beforeAll(async () => {
  serve = await withServe();
});
afterAll(() => serve.close());

describe('connections', () => {
  it('reuses one keep-alive connection across URLs to the same origin', async () => {
    const u = `${serve.httpUrl}/bytes/1`;
    const r = await qurl(['-s', '-o', '/dev/null', '-o', '/dev/null', '-o', '/dev/null', '-w', '%{num_connects}', u, u, u]);
    expect(r.stdout).toBe('100');
  });

  it('twenty URLs on one connection, nothing on stderr', async () => {
    const u = `${serve.httpUrl}/status/204`;
    const r = await qurl(['-w', '%{num_connects}', ...Array<string>(20).fill(u)]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`1${'0'.repeat(19)}`);
  });

  it('-v says when a connection is reused', async () => {
    const u = `${serve.httpUrl}/get`;
    const r = await qurl(['-v', '-o', '/dev/null', '-o', '/dev/null', u, u]);
    expect(r.stderr).toMatch(/Re-using existing connection #0 with host 127\.0\.0\.1/);
  });

  it('--resolve pins a name to an address; TLS still checks the name', async () => {
    const port = new URL(serve.httpsUrl).port;
    const r = await qurl(['-s', '--cacert', serve.caFile, '--resolve', `localhost:${port}:127.0.0.1`, '-w', '%{remote_ip} %{http_code}', '-o', '/dev/null', `https://localhost:${port}/get`]);
    expect(r.stdout).toBe('127.0.0.1 200');
    const wrong = await qurl(['-s', '--cacert', serve.caFile, '--resolve', `other.test:${port}:127.0.0.1`, `https://other.test:${port}/get`]);
    expect(wrong.exitCode).toBe(60);
  });

  it('--connect-to sends the request elsewhere, Host unchanged', async () => {
    const port = new URL(serve.httpUrl).port;
    const r = await qurl(['-s', '--connect-to', `api.test:80:127.0.0.1:${port}`, 'http://api.test/headers']);
    expect(JSON.parse(r.stdout).headers.Host).toBe('api.test');
  });

  it('--connect-to matches an IPv6 literal URL (brackets in the option, none in the host)', async () => {
    const port = new URL(serve.httpUrl).port;
    const r = await qurl(['-s', '--connect-to', `[::1]:80:127.0.0.1:${port}`, '-w', '%{remote_ip}', '-o', '/dev/null', 'http://[::1]/get']);
    expect(r.stdout).toBe('127.0.0.1');
  });

  it('-4 and -6 pick the address family', async () => {
    const port = new URL(serve.httpUrl).port;
    const v4 = await qurl(['-s', '-4', '-o', '/dev/null', '-w', '%{remote_ip}', `http://localhost:${port}/get`]);
    expect(v4.stdout).toBe('127.0.0.1');
    const v6 = await qurl(['-sS', '-6', '--resolve', `only4.test:${port}:127.0.0.1`, `http://only4.test:${port}/get`]);
    expect(v6.exitCode).toBe(6);
  });

  needs(hasIpv6Loopback, 'an IPv6 loopback address (::1)').it('IPv6 literal URLs', async () => {
    const srv = createServer((_q, res) => res.end('v6'));
    await new Promise<void>((resolve) => srv.listen(0, '::1', resolve));
    const port = (srv.address() as AddressInfo).port;
    const r = await qurl(['-s', `http://[::1]:${port}/`]);
    srv.close();
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('v6');
  });

  it('--capath trusts a directory of CA certificates', async () => {
    const caDir = join(dir, 'cas');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(caDir, { recursive: true });
    copyFileSync(serve.caFile, join(caDir, 'qurl-ca.pem'));
    const r = await qurl(['-s', '--capath', caDir, '-o', '/dev/null', '-w', '%{http_code}', `${serve.httpsUrl}/get`]);
    expect(r.stdout).toBe('200');
  });

  it('--cacert with a missing file is exit 77', async () => {
    const r = await qurl(['--cacert', join(dir, 'nope.pem'), `${serve.httpsUrl}/get`]);
    expect(r.exitCode).toBe(77);
  });

  it('client certificate (-E/--key) and SNI reach the server', async () => {
    const server = await generateCertificates();
    const client = await generateCertificates(['qurl-client']);
    const certFile = join(dir, 'client.pem');
    const keyFile = join(dir, 'client.key');
    writeFileSync(certFile, client.certPem);
    writeFileSync(keyFile, client.keyPem);
    const caFile = join(dir, 'server-ca.pem');
    writeFileSync(caFile, server.caPem);
    const s = await startHttpsServer(
      { key: server.keyPem, cert: server.certPem, ca: client.caPem, requestCert: true, rejectUnauthorized: true },
      (req, res) => {
        const sock = req.socket as TLSSocket;
        res.end(`${sock.getPeerCertificate().subject?.CN ?? 'none'} ${(sock as unknown as { servername: string }).servername}`);
      },
    );
    const url = `https://localhost:${s.port}/`;
    const withCert = await qurl(['-sS', '--cacert', caFile, '-E', certFile, '--key', keyFile, url]);
    expect(withCert.stderr).toBe('');
    expect(withCert.stdout).toBe('localhost localhost');
    // TLS 1.3 finishes the handshake before the server checks for a certificate: its alert arrives with the
    // reply, and is curl's 56 (undici alone would say 'other side closed', an empty reply).
    const without = await qurl(['-sS', '--cacert', caFile, url]);
    expect(without.stderr).toBe('qurl: (56) TLS error from the server while receiving: tlsv13 alert certificate required (the server wants a client certificate: --cert and --key)\n');
    expect(without.exitCode).toBe(56);
    const missing = await qurl(['-s', '--cacert', caFile, '-E', join(dir, 'none.pem'), url]);
    expect(missing.exitCode).toBe(58);
    await s.close();
  });

  it('streams a request body from a file without buffering it whole', async () => {
    const file = join(dir, 'upload.bin');
    writeFileSync(file, Buffer.alloc(5 * 1024 * 1024, 7));
    const r = await qurl(['-s', '--data-binary', `@${file}`, '-w', '%{size_upload}', '-o', '/dev/null', `${serve.httpUrl}/anything`]);
    expect(r.stdout).toBe(String(5 * 1024 * 1024));
  });
});
