// qurl and curl side by side with the TLS and socket knobs: the same command lines against the same servers
// give the same exit codes and the same stdout (bodies say what the server negotiated; -w what the client saw).
import { execa } from 'execa';
import { afterAll, beforeAll, expect } from 'vitest';
import { needs, onPath } from '../helpers/needs.js';
import { hermeticEnv, QURL_BIN } from '../helpers/run-qurl.js';
import { startHttpServer, startRawServer, type Running } from '../helpers/raw-servers.js';
import { startKnobServer, type KnobServer } from '../helpers/tls-knob-servers.js';
import { hasOpenssl, makeTestPki, type TestPki } from '../helpers/tls-pki.js';

const hasCurl = onPath('curl');
const withBoth = needs(hasCurl && hasOpenssl, 'curl and openssl (apt-get install -y curl openssl)');

let pki: TestPki;
let t12: KnobServer;
let t13: KnobServer;
let both: KnobServer;
let mtls: KnobServer;
/** Echoes the client's address (not its port, which differs from run to run). */
let echo: Running;
/** Echoes the PROXY line without its ports. */
let haproxy: Running;

beforeAll(async () => {
  if (!hasCurl || !hasOpenssl) return;
  pki = makeTestPki();
  [t12, t13, both, mtls] = await Promise.all([
    startKnobServer(pki, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }),
    startKnobServer(pki, { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' }),
    startKnobServer(pki),
    startKnobServer(pki, { requireClientCert: true }),
  ]);
  echo = await startHttpServer((req, res) => res.end(`${req.socket.remoteAddress}\n`));
  haproxy = await startRawServer((socket) => {
    let text = '';
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        const body = `${text.split('\r\n')[0]!.split(' ').slice(0, 4).join(' ')}\n`;
        socket.end(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      } else if (text.includes('\x16')) socket.destroy();
    });
  });
}, 30_000);
afterAll(async () => {
  await Promise.all([t12, t13, both, mtls, echo, haproxy].filter(Boolean).map((s) => s.close()));
});

const W = '\n%{http_code} %{size_download}';
/** For the socket knobs. (After a failed TLS handshake curl still reports the local address, qurl not yet.) */
const W_LOCAL = `${W} %{local_ip}`;

function commands(): string[][] {
  const ca = ['--cacert', pki.ca];
  const B = `${both.url}/`;
  const T2 = `${t12.url}/`;
  const T3 = `${t13.url}/`;
  const M = `${mtls.url}/`;
  const e = `${echo.url}/`;
  return [
    // Versions.
    [...ca, B],
    [...ca, '--tlsv1.2', B],
    [...ca, '--tlsv1.3', B],
    [...ca, '--tlsv1.3', T2],
    [...ca, '--tlsv1.2', T3],
    [...ca, '--tlsv1.0', B],
    [...ca, '--tlsv1.1', B],
    [...ca, '--tlsv1', B],
    [...ca, '-1', B],
    [...ca, '--tls-max', '1.2', B],
    [...ca, '--tls-max', '1.3', B],
    [...ca, '--tls-max', 'default', B],
    [...ca, '--tls-max', '1.2', T3],
    [...ca, '--tlsv1.3', '--tls-max', '1.2', B],
    [...ca, '--tls-max', '1.5', B],
    [...ca, '--tlsv1.2', '--tls-max', '1.2', T2],
    // Cipher lists.
    [...ca, '--ciphers', 'ECDHE-ECDSA-CHACHA20-POLY1305', T2],
    [...ca, '--ciphers', 'ECDHE-ECDSA-AES256-GCM-SHA384', T2],
    [...ca, '--ciphers', 'ECDHE-ECDSA-AES128-GCM-SHA256:NOPE', T2],
    [...ca, '--ciphers', 'NOPE-CIPHER', B],
    [...ca, '--ciphers', 'TLS_AES_128_GCM_SHA256', B],
    [...ca, '--ciphers', 'ECDHE-RSA-AES128-GCM-SHA256', T2],
    [...ca, '--ciphers', 'ECDHE-ECDSA-CHACHA20-POLY1305', T3],
    [...ca, '--tls13-ciphers', 'TLS_CHACHA20_POLY1305_SHA256', T3],
    [...ca, '--tls13-ciphers', 'TLS_AES_128_GCM_SHA256', T3],
    [...ca, '--tls13-ciphers', 'TLS_AES_128_GCM_SHA256:TLS_NOPE', T3],
    [...ca, '--tls13-ciphers', 'TLS_NOPE', T3],
    [...ca, '--tls13-ciphers', 'TLS_CHACHA20_POLY1305_SHA256', T2],
    // Pinned public keys.
    [...ca, '--pinnedpubkey', pki.serverPin, B],
    [...ca, '--pinnedpubkey', 'sha256//AAAA', B],
    [...ca, '--pinnedpubkey', `sha256//AAAA;${pki.serverPin}`, B],
    [...ca, '--pinnedpubkey', pki.serverPubPem, B],
    [...ca, '--pinnedpubkey', pki.serverPubDer, B],
    [...ca, '--pinnedpubkey', pki.caPubPem, B],
    [...ca, '--pinnedpubkey', pki.serverCert, B],
    [...ca, '--pinnedpubkey', '/nonexistent/key.pem', B],
    ['-k', '--pinnedpubkey', 'sha256//AAAA', B],
    ['-k', '--pinnedpubkey', pki.serverPin, B],
    // Revocation.
    [...ca, '--crlfile', pki.revokedCrl, B],
    [...ca, '--crlfile', pki.emptyCrl, B],
    [...ca, '--crlfile', '/nonexistent.crl', B],
    [...ca, '--crlfile', pki.serverCert, B],
    [...ca, '--ssl-no-revoke', B],
    [...ca, '--ssl-revoke-best-effort', B],
    [...ca, '--ssl-no-revoke', '--crlfile', pki.revokedCrl, B],
    // Client certificates.
    [...ca, '--cert', pki.clientPem, '--key', pki.clientKey, M],
    [...ca, '--cert', pki.clientDer, '--cert-type', 'DER', '--key', pki.clientKey, M],
    [...ca, '--cert', pki.clientDer, '--cert-type', 'der', '--key', pki.clientKeyDer, '--key-type', 'DER', M],
    [...ca, '--cert', pki.clientPem, '--key', pki.clientKeyDer, '--key-type', 'DER', M],
    [...ca, '--cert', pki.clientP12, '--cert-type', 'P12', '--pass', pki.password, M],
    [...ca, '--cert', `${pki.clientP12}:${pki.password}`, '--cert-type', 'P12', M],
    [...ca, '--cert', pki.clientP12NoPass, '--cert-type', 'P12', M],
    [...ca, '--cert', pki.clientP12, '--cert-type', 'P12', '--pass', 'wrong', M],
    [...ca, '--cert', pki.clientPem, '--key', pki.clientEncryptedKey, '--pass', pki.password, M],
    [...ca, '--cert', pki.clientPem, '--key', pki.clientEncryptedKey, '--pass', 'wrong', M],
    [...ca, '--cert', pki.clientDer, '--key', pki.clientKey, M],
    [...ca, '--cert', pki.clientPem, '--cert-type', 'DER', '--key', pki.clientKey, M],
    [...ca, '--cert', pki.clientPem, '--cert-type', 'XYZ', '--key', pki.clientKey, M],
    [...ca, '--cert', pki.clientPem, '--key', pki.clientKey, '--key-type', 'XYZ', M],
    [...ca, '--cert', '/nonexistent.p12', '--cert-type', 'P12', M],
    // Local address and port.
    ['--interface', '127.0.0.1', e],
    ['--interface', 'lo', e],
    ['--interface', 'if!lo', e],
    ['--interface', 'host!localhost', e],
    ['--interface', 'host!127.0.0.1', e],
    ['--interface', '127.0.0.2', e],
    ['--interface', 'nosuchif0', e],
    ['--interface', 'if!nosuchif0', e],
    ['--interface', 'host!nosuch.invalid', e],
    ['--interface', '198.51.100.254', e],
    ['--interface', '::1', e],
    ['--local-port', '47400-47499', e],
    ['--interface', '127.0.0.1', '--local-port', '47500-47599', e],
    ['--local-port', '0', e],
    ['--local-port', '70000', e],
    ['--local-port', '5000-4000', e],
    ['--local-port', 'abc', e],
    // TCP tuning.
    ['--tcp-nodelay', e],
    ['--no-tcp-nodelay', e],
    ['--keepalive-time', '5', e],
    ['--keepalive-time', '0', e],
    ['--no-keepalive', e],
    ['--keepalive-time', '1.5', e],
    ['--keepalive-time', '-1', e],
    ['--happy-eyeballs-timeout-ms', '100', e],
    ['--happy-eyeballs-timeout-ms', '-1', e],
    // The PROXY protocol line.
    ['--haproxy-protocol', `${haproxy.url}/`],
    ['--haproxy-protocol', '--interface', '127.0.0.2', `${haproxy.url}/`],
    ['--haproxy-protocol', `${haproxy.url.replace('http:', 'https:')}/`],
  ];
}

withBoth.describe('curl compatibility: TLS and socket knobs', () => {
  withBoth.it('same exit codes and stdout', async () => {
    const all = commands();
    expect(all.length).toBeGreaterThanOrEqual(40);
    // One at a time: --local-port ranges and the servers' records must not see the two clients interleave.
    for (const args of all) {
      const full = ['-s', ...args, '-w', args.some((a) => a.startsWith('https:')) ? W : W_LOCAL];
      const run = (cmd: string, argv: string[]) =>
        execa(cmd, argv, { reject: false, env: hermeticEnv(), extendEnv: false, encoding: 'buffer', stripFinalNewline: false, input: '', timeout: 30_000 });
      const c = await run('curl', full);
      const q = await run('node', [QURL_BIN, ...full]);
      const label = `qurl vs curl: ${args.join(' ')}`;
      expect.soft(q.exitCode, label).toBe(c.exitCode);
      expect.soft(Buffer.from(q.stdout).toString('latin1'), label).toBe(Buffer.from(c.stdout).toString('latin1'));
    }
  }, 180_000);
});
