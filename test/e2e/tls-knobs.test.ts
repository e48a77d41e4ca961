// TLS knobs end to end against Node TLS servers on loopback: version bounds, cipher lists, --pinnedpubkey,
// client certificates in PEM, DER and PKCS#12 with pass phrases, --crlfile; and what applies over HTTP/3.
import tls from 'node:tls';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { needs } from '../helpers/needs.js';
import { qurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';
import { startKnobServer, type KnobServer } from '../helpers/tls-knob-servers.js';
import { hasOpenssl, makeTestPki, type TestPki } from '../helpers/tls-pki.js';

const withOpenssl = needs(hasOpenssl, 'openssl (apt-get install -y openssl)');

let pki: TestPki;
let tls12: KnobServer;
let tls13: KnobServer;
let both: KnobServer;
let mtls: KnobServer;

beforeAll(async () => {
  if (!hasOpenssl) return;
  pki = makeTestPki();
  [tls12, tls13, both, mtls] = await Promise.all([
    startKnobServer(pki, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }),
    startKnobServer(pki, { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' }),
    startKnobServer(pki),
    startKnobServer(pki, { requireClientCert: true }),
  ]);
}, 30_000);
afterAll(async () => {
  await Promise.all([tls12, tls13, both, mtls].filter(Boolean).map((s) => s.close()));
});

const get = (url: string, ...args: string[]) => qurl(['-sS', '--cacert', pki.ca, ...args, `${url}/`]);

withOpenssl.describe('TLS versions', () => {
  withOpenssl.it('--tlsv1.3 is a minimum: a TLS 1.2-only server fails with 35, a TLS 1.3 one answers', async () => {
    const r = await get(tls12.url, '--tlsv1.3');
    expect(r.exitCode).toBe(35);
    expect(r.stderr).toMatch(/^qurl: \(35\) TLS connect error with 127\.0\.0\.1:\d+: .*protocol version\n$/);
    expect((await get(tls13.url, '--tlsv1.3')).stdout).toMatch(/^TLSv1\.3 /);
    expect((await get(tls13.url, '--tlsv1.2')).stdout).toMatch(/^TLSv1\.3 /);
  });

  withOpenssl.it('--tls-max 1.2 caps the version: TLS 1.2 with a server that could do 1.3, 35 with a 1.3-only one', async () => {
    expect((await get(both.url, '--tls-max', '1.2')).stdout).toMatch(/^TLSv1\.2 /);
    expect((await get(both.url, '--tls-max', 'default')).stdout).toMatch(/^TLSv1\.3 /);
    expect((await get(tls13.url, '--tls-max', '1.2')).exitCode).toBe(35);
  });

  withOpenssl.it('a maximum under the minimum is 35, a --tls-max curl does not know is 2', async () => {
    const r = await get(both.url, '--tlsv1.3', '--tls-max', '1.2');
    expect(r.exitCode).toBe(35);
    expect(r.stderr).toContain('CURL_SSLVERSION_MAX incompatible with CURL_SSLVERSION');
    const bad = await get(both.url, '--tls-max', '1.5');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

withOpenssl.describe('cipher lists', () => {
  withOpenssl.it('--ciphers picks the TLS 1.2 cipher the server sees, and leaves TLS 1.3 alone', async () => {
    const r = await get(tls12.url, '-v', '--ciphers', 'ECDHE-ECDSA-CHACHA20-POLY1305');
    expect(r.stdout).toBe('TLSv1.2 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 -\n');
    expect(r.stderr).toContain('* Cipher selection: ECDHE-ECDSA-CHACHA20-POLY1305\n');
    expect(tls12.seen.at(-1)?.cipher).toBe('TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256');
    expect((await get(tls13.url, '--ciphers', 'ECDHE-ECDSA-CHACHA20-POLY1305')).stdout).toMatch(/^TLSv1\.3 /);
  });

  withOpenssl.it('--tls13-ciphers picks the TLS 1.3 suite, and leaves TLS 1.2 alone', async () => {
    expect((await get(tls13.url, '--tls13-ciphers', 'TLS_CHACHA20_POLY1305_SHA256')).stdout).toBe('TLSv1.3 TLS_CHACHA20_POLY1305_SHA256 -\n');
    expect((await get(tls12.url, '--tls13-ciphers', 'TLS_CHACHA20_POLY1305_SHA256')).exitCode).toBe(0);
  });

  withOpenssl.it('a list with nothing OpenSSL knows is 59, in curl words; no shared cipher is 35', async () => {
    const a = await get(tls12.url, '--ciphers', 'NOPE-CIPHER');
    expect([a.exitCode, a.stderr]).toEqual([59, 'qurl: (59) failed setting cipher list: NOPE-CIPHER\n']);
    const b = await get(tls13.url, '--tls13-ciphers', 'TLS_NOPE');
    expect([b.exitCode, b.stderr]).toEqual([59, 'qurl: (59) failed setting TLS 1.3 cipher suite: TLS_NOPE\n']);
    // TLS 1.3 names mean nothing in the TLS 1.2 list, as in OpenSSL.
    expect((await get(tls12.url, '--ciphers', 'TLS_AES_128_GCM_SHA256')).exitCode).toBe(59);
    expect((await get(tls12.url, '--ciphers', 'ECDHE-RSA-AES128-GCM-SHA256')).exitCode).toBe(35);
  });
});

withOpenssl.describe('--pinnedpubkey', () => {
  withOpenssl.it('the right hash passes (one of several too), and -v shows the hash curl shows', async () => {
    const r = await get(both.url, '-v', '--pinnedpubkey', pki.serverPin);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`*  public key hash: ${pki.serverPin}\n`);
    expect((await get(both.url, '--pinnedpubkey', `sha256//AAAA;${pki.serverPin}`)).exitCode).toBe(0);
  });

  withOpenssl.it('a wrong hash is 90, even with -k', async () => {
    const r = await get(both.url, '--pinnedpubkey', 'sha256//AAAA');
    expect([r.exitCode, r.stderr]).toEqual([90, 'qurl: (90) SSL: public key does not match pinned public key\n']);
    expect((await qurl(['-sk', '--pinnedpubkey', 'sha256//AAAA', `${both.url}/`])).exitCode).toBe(90);
  });

  withOpenssl.it('a PEM or DER key file: the server key passes; another key, a certificate or no file is 90', async () => {
    expect((await get(both.url, '--pinnedpubkey', pki.serverPubPem)).exitCode).toBe(0);
    expect((await get(both.url, '--pinnedpubkey', pki.serverPubDer)).exitCode).toBe(0);
    expect((await get(both.url, '--pinnedpubkey', pki.caPubPem)).exitCode).toBe(90);
    expect((await get(both.url, '--pinnedpubkey', pki.serverCert)).exitCode).toBe(90);
    expect((await get(both.url, '--pinnedpubkey', '/nonexistent/key.pem')).exitCode).toBe(90);
  });
});

withOpenssl.describe('client certificates', () => {
  withOpenssl.it('PEM, DER (with a DER key) and P12 (--pass, or FILE:PASSWORD) are accepted by a server that requires one', async () => {
    const cases = [
      ['--cert', pki.clientPem, '--key', pki.clientKey],
      ['--cert', pki.clientDer, '--cert-type', 'DER', '--key', pki.clientKey],
      ['--cert', pki.clientDer, '--cert-type', 'der', '--key', pki.clientKeyDer, '--key-type', 'DER'],
      ['--cert', pki.clientP12, '--cert-type', 'P12', '--pass', pki.password],
      ['--cert', `${pki.clientP12}:${pki.password}`, '--cert-type', 'P12'],
      ['--cert', pki.clientP12NoPass, '--cert-type', 'P12'],
      ['--cert', pki.clientPem, '--key', pki.clientEncryptedKey, '--pass', pki.password],
    ];
    for (const args of cases) {
      const r = await get(mtls.url, ...args);
      expect.soft([r.exitCode, r.stdout], args.join(' ')).toEqual([0, expect.stringMatching(/ knob client\n$/)]);
    }
  });

  withOpenssl.it('a wrong pass phrase, a wrong type or an unknown type is 58, in one line', async () => {
    const cases = [
      ['--cert', pki.clientP12, '--cert-type', 'P12'],
      ['--cert', pki.clientP12, '--cert-type', 'P12', '--pass', 'wrong'],
      ['--cert', pki.clientPem, '--key', pki.clientEncryptedKey, '--pass', 'wrong'],
      ['--cert', pki.clientDer, '--key', pki.clientKey],
      ['--cert', pki.clientPem, '--cert-type', 'DER', '--key', pki.clientKey],
      ['--cert', pki.clientPem, '--cert-type', 'XYZ', '--key', pki.clientKey],
      ['--cert', pki.clientPem, '--key', pki.clientKey, '--key-type', 'XYZ'],
    ];
    for (const args of cases) {
      const r = await get(mtls.url, ...args);
      expect.soft(r.exitCode, args.join(' ')).toBe(58);
      expect.soft(r.stderr, args.join(' ')).toMatch(/^qurl: \(58\) [^\n]+\n$/);
    }
  });
});

withOpenssl.describe('--crlfile', () => {
  withOpenssl.it('a CRL revoking the server certificate is 60; one without it passes', async () => {
    const r = await get(both.url, '-v', '--crlfile', pki.revokedCrl);
    expect(r.exitCode).toBe(60);
    expect(r.stderr).toContain('certificate revoked');
    expect(r.stderr).toContain(`*   CRLfile: ${pki.revokedCrl}\n`);
    const ok = await get(both.url, '--crlfile', pki.emptyCrl, '-w', '%{ssl_verify_result}');
    expect(ok.stdout).toMatch(/ -\n0$/);
  });

  withOpenssl.it('a CRL file that is missing or holds no CRL is 82', async () => {
    expect((await get(both.url, '--crlfile', '/nonexistent.crl')).exitCode).toBe(82);
    expect((await get(both.url, '--crlfile', pki.serverCert)).exitCode).toBe(82);
  });

  withOpenssl.it('--ssl-no-revoke and --ssl-revoke-best-effort are accepted and change nothing (curl on OpenSSL)', async () => {
    expect((await get(both.url, '--ssl-no-revoke')).exitCode).toBe(0);
    expect((await get(both.url, '--ssl-revoke-best-effort')).exitCode).toBe(0);
    expect((await get(both.url, '--ssl-no-revoke', '--crlfile', pki.revokedCrl)).exitCode).toBe(60);
  });
});

let serve: RunningServe | undefined;
let servePin = '';
const h3Ready = async (): Promise<RunningServe> => {
  if (serve) return serve;
  serve = await withServe();
  if (!serve.h3Url) throw new Error(`qurl serve has no HTTP/3 here: ${serve.h3Problem}`);
  const port = Number(new URL(serve.httpsUrl).port);
  servePin = await new Promise<string>((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const spki = s.getPeerX509Certificate()!.publicKey.export({ type: 'spki', format: 'der' });
      s.destroy();
      resolve(`sha256//${createHash('sha256').update(spki).digest('base64')}`);
    });
    s.on('error', reject);
  });
  return serve;
};
afterAll(async () => serve?.close());

withOpenssl.describe('over HTTP/3 (QUIC)', () => {
  const h3 = async (...args: string[]) => {
    const s = await h3Ready();
    return qurl(['-sS', '--http3-only', '--cacert', s.caFile, ...args, `${s.h3Url}/get`]);
  };

  withOpenssl.it('--pinnedpubkey is checked: right passes, wrong is 90', async () => {
    await h3Ready();
    expect((await h3('--pinnedpubkey', servePin)).exitCode).toBe(0);
    expect((await h3('--pinnedpubkey', 'sha256//AAAA')).exitCode).toBe(90);
  });

  withOpenssl.it('--interface and --local-port bind the UDP socket', async () => {
    const r = await h3('--interface', '127.0.0.1', '--local-port', '47300-47340', '-o', '/dev/null', '-w', '%{local_ip} %{local_port}');
    expect(r.exitCode).toBe(0);
    const [ip, port] = r.stdout.split(' ');
    expect(ip).toBe('127.0.0.1');
    expect(Number(port)).toBeGreaterThanOrEqual(47300);
    expect(Number(port)).toBeLessThanOrEqual(47340);
  });

  withOpenssl.it('what QUIC cannot honour is an error, not a silent downgrade', async () => {
    const max = await h3('--tls-max', '1.2');
    expect([max.exitCode, max.stderr]).toEqual([35, 'qurl: (35) QUIC needs at least TLS version 1.3 (--tls-max)\n']);
    expect((await h3('--crlfile', pki.emptyCrl)).exitCode).toBe(4);
    expect((await h3('--tls13-ciphers', 'TLS_AES_128_GCM_SHA256')).exitCode).toBe(4);
    expect((await h3('--haproxy-protocol')).exitCode).toBe(1);
  });
});
