// Reads --cacert, --capath, --cert, --key and --crlfile files for the tls step, with curl's exit codes (77, 58, 82).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { QurlError } from '../../errors/index.js';
import type { TlsSettings } from './connect-types.js';
import { loadClientCert, type ClientCertMaterial } from './tls-client-cert.js';
import { tlsMaterialKey } from './tls-material-key.js';

export interface TlsMaterial extends ClientCertMaterial {
  readonly ca?: string[];
  /** --crlfile's PEM text. */
  readonly crl?: string;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function readCaFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch (err) {
    throw new QurlError('ca-file', `error setting certificate file: ${file} (${(err as Error).message})`, { cause: err });
  }
  const certs = text.match(PEM_CERT);
  if (!certs) throw new QurlError('ca-file', `error setting certificate file: ${file} holds no PEM certificate`);
  return certs;
}

function readCaPath(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new QurlError('ca-file', `error setting certificate path: ${dir} (${(err as Error).message})`, { cause: err });
  }
  const certs: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    certs.push(...(readFileSync(file, 'latin1').match(PEM_CERT) ?? []));
  }
  return certs;
}

const PEM_CRL = /-----BEGIN X509 CRL-----[\s\S]+?-----END X509 CRL-----/g;

function readCrlFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch (err) {
    throw new QurlError('crl-file', `error loading CRL file: ${file} (${(err as Error).message})`, { cause: err });
  }
  const crls = text.match(PEM_CRL);
  if (!crls) throw new QurlError('crl-file', `error loading CRL file: ${file} holds no PEM CRL`);
  return crls.join('\n');
}

const cache = new Map<string, TlsMaterial>();

export function loadTlsMaterial(tls: TlsSettings): TlsMaterial {
  const key = tlsMaterialKey(tls);
  const hit = cache.get(key);
  if (hit) return hit;
  let ca: string[] | undefined;
  if (tls.caFile) ca = readCaFile(tls.caFile);
  if (tls.caPath) ca = [...(ca ?? rootCertificates), ...readCaPath(tls.caPath)];
  const material: TlsMaterial = { ca, ...loadClientCert(tls), crl: tls.crlFile === undefined ? undefined : readCrlFile(tls.crlFile) };
  cache.set(key, material);
  return material;
}
