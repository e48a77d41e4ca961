// A throwaway PKI made with the openssl command line, for the TLS knob tests: a CA, a server certificate for
// localhost and 127.0.0.1, a client certificate in PEM, DER and PKCS#12, an encrypted key, and CRLs (one
// revoking the server certificate). openssl is needed (for CRLs and PKCS#12): see hasOpenssl.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onPath } from './needs.js';

export const hasOpenssl = onPath('openssl');

export interface TestPki {
  readonly dir: string;
  /** Paths. */
  readonly ca: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientPem: string;
  readonly clientKey: string;
  readonly clientDer: string;
  readonly clientKeyDer: string;
  readonly clientEncryptedKey: string;
  readonly clientP12: string;
  readonly clientP12NoPass: string;
  readonly serverPubPem: string;
  readonly serverPubDer: string;
  readonly caPubPem: string;
  readonly revokedCrl: string;
  readonly emptyCrl: string;
  /** The pass phrase of the encrypted key and of the P12 file. */
  readonly password: string;
  /** sha256//BASE64 of the server's public key, as --pinnedpubkey takes it. */
  readonly serverPin: string;
}

function openssl(dir: string, args: readonly string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'qurl-pki-'));
  const run = (...args: string[]): void => openssl(dir, args);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=qurl knob test CA', '-days', '2',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
  run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
  run('req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=knob client');
  run('x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.pem', '-days', '2');
  run('x509', '-in', 'client.pem', '-outform', 'der', '-out', 'client.der');
  run('pkey', '-in', 'client.key', '-outform', 'der', '-out', 'client.key.der');
  run('pkey', '-in', 'client.key', '-aes256', '-passout', 'pass:knob-secret', '-out', 'client.enc.key');
  run('pkcs12', '-export', '-in', 'client.pem', '-inkey', 'client.key', '-passout', 'pass:knob-secret', '-out', 'client.p12');
  run('pkcs12', '-export', '-in', 'client.pem', '-inkey', 'client.key', '-passout', 'pass:', '-out', 'client-nopass.p12');
  run('pkey', '-in', 'server.key', '-pubout', '-out', 'server.pub.pem');
  run('pkey', '-in', 'server.key', '-pubout', '-outform', 'der', '-out', 'server.pub.der');
  run('pkey', '-in', 'ca.key', '-pubout', '-out', 'ca.pub.pem');
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'crlnumber'), '1000\n');
  writeFileSync(join(dir, 'ca.cnf'), '[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 2\n');
  const ca = ['-config', 'ca.cnf', '-keyfile', 'ca.key', '-cert', 'ca.pem'];
  run('ca', ...ca, '-gencrl', '-out', 'empty.crl');
  run('ca', ...ca, '-revoke', 'server.pem');
  run('ca', ...ca, '-gencrl', '-out', 'revoked.crl');
  const spki = new X509Certificate(readFileSync(join(dir, 'server.pem'))).publicKey.export({ type: 'spki', format: 'der' });
  const at = (name: string): string => join(dir, name);
  return {
    dir,
    ca: at('ca.pem'),
    serverCert: at('server.pem'),
    serverKey: at('server.key'),
    clientPem: at('client.pem'),
    clientKey: at('client.key'),
    clientDer: at('client.der'),
    clientKeyDer: at('client.key.der'),
    clientEncryptedKey: at('client.enc.key'),
    clientP12: at('client.p12'),
    clientP12NoPass: at('client-nopass.p12'),
    serverPubPem: at('server.pub.pem'),
    serverPubDer: at('server.pub.der'),
    caPubPem: at('ca.pub.pem'),
    revokedCrl: at('revoked.crl'),
    emptyCrl: at('empty.crl'),
    password: 'knob-secret',
    serverPin: `sha256//${createHash('sha256').update(spki).digest('base64')}`,
  };
}
