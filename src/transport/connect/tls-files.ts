// Reads --cacert, --capath, --cert and --key files for the tls step, with curl's exit codes (77, 58) on failure.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { QurlError } from '../../errors/index.js';
import type { TlsSettings } from './connect-types.js';

export interface TlsMaterial {
  readonly ca?: string[];
  readonly cert?: Buffer;
  readonly key?: Buffer;
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

function readClientFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new QurlError('client-cert', `unable to use client ${what} file ${file} (${(err as Error).message})`, { cause: err });
  }
}

const cache = new Map<string, TlsMaterial>();

export function loadTlsMaterial(tls: TlsSettings): TlsMaterial {
  const key = JSON.stringify([tls.caFile, tls.caPath, tls.certFile, tls.keyFile]);
  const hit = cache.get(key);
  if (hit) return hit;
  let ca: string[] | undefined;
  if (tls.caFile) ca = readCaFile(tls.caFile);
  if (tls.caPath) ca = [...(ca ?? rootCertificates), ...readCaPath(tls.caPath)];
  const cert = tls.certFile ? readClientFile(tls.certFile, 'certificate') : undefined;
  const keyData = tls.keyFile ? readClientFile(tls.keyFile, 'key') : cert;
  const material: TlsMaterial = { ca, cert, key: cert ? keyData : undefined };
  cache.set(key, material);
  return material;
}
