// Reads the client certificate and key (--cert, --key) in the format --cert-type and --key-type name, into
// what node:tls takes: PEM text, or a PKCS#12 bundle as `pfx`. Failures are curl's 58, in curl's words.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { QurlError } from '../../errors/index.js';
import type { TlsSettings } from './connect-types.js';

export interface ClientCertMaterial {
  readonly cert?: Buffer | string;
  readonly key?: Buffer | string;
  readonly pfx?: Buffer;
  readonly passphrase?: string;
}

function readClientFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new QurlError('client-cert', `unable to use client ${what} file ${file} (${(err as Error).message})`, { cause: err });
  }
}

function derCertificate(der: Buffer, file: string): string {
  const error = (cause?: unknown): QurlError => new QurlError('client-cert', `could not load ASN1 client certificate from ${file} (--cert-type DER: is it PEM?)`, { cause });
  // X509Certificate also takes PEM, which OpenSSL's ASN1 loader (curl's) refuses: DER starts with a SEQUENCE.
  if (der[0] !== 0x30) throw error();
  try {
    return new X509Certificate(der).toString();
  } catch (err) {
    throw error(err);
  }
}

/** A DER key, unencrypted as OpenSSL's ASN1 loader takes it: PKCS#8, then PKCS#1 (RSA), then SEC1 (EC). */
function derKey(der: Buffer, file: string): string {
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      return createPrivateKey({ key: der, format: 'der', type }).export({ type: 'pkcs8', format: 'pem' }) as string;
    } catch {
      // the next encoding
    }
  }
  throw new QurlError('client-cert', `unable to set private key file: '${file}' type DER`);
}

/** curl's words for a type it does not take (it checks them only when the files are loaded). */
function checkTypes(tls: TlsSettings): void {
  const cert = tls.certType ?? 'PEM';
  const key = tls.keyType ?? 'PEM';
  if (cert === 'ENG') throw new QurlError('client-cert', '--cert-type ENG: crypto engines are not supported (use PEM, DER or P12)');
  if (!['PEM', 'DER', 'P12'].includes(cert)) throw new QurlError('client-cert', `not supported file type '${cert}' for certificate (--cert-type PEM, DER or P12)`);
  if (cert === 'P12') return;
  if (key === 'ENG') throw new QurlError('client-cert', "crypto engine not set, can't load private key (--key-type PEM or DER)");
  if (key !== 'PEM' && key !== 'DER') throw new QurlError('client-cert', `not supported file type '${key}' for private key (--key-type PEM or DER)`);
}

export function loadClientCert(tls: TlsSettings): ClientCertMaterial {
  if (!tls.certFile) return {};
  checkTypes(tls);
  const certBytes = readClientFile(tls.certFile, 'certificate');
  if (tls.certType === 'P12') return { pfx: certBytes, passphrase: tls.passphrase ?? '' };
  const cert = tls.certType === 'DER' ? derCertificate(certBytes, tls.certFile) : certBytes;
  // Without --key the key is read from the --cert file, as curl does.
  const keyFile = tls.keyFile ?? tls.certFile;
  const keyBytes = tls.keyFile ? readClientFile(tls.keyFile, 'key') : certBytes;
  const key = tls.keyType === 'DER' ? derKey(keyBytes, keyFile) : keyBytes;
  return { cert, key, passphrase: tls.passphrase };
}
