// --pinnedpubkey: the server's public key (its DER SubjectPublicKeyInfo) against sha256// hashes or a PEM/DER
// public key file, as curl's Curl_pin_peer_pubkey does; a mismatch, or a file that cannot be read, is exit 90.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { QurlError } from '../../errors/index.js';

const mismatch = (): QurlError => new QurlError('pinned-pubkey', 'SSL: public key does not match pinned public key');

/** The key in a file: the body of a PEM PUBLIC KEY block, or else the bytes as they are (DER). */
function pinnedKeyOf(file: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw Object.assign(mismatch(), { cause: err });
  }
  const pem = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(bytes.toString('latin1'));
  return pem ? Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64') : bytes;
}

/** Throws unless `spki` is pinned; `info` gets curl's -v line for the hash form. */
export function checkPinnedPubkey(spki: Buffer, pin: string, info: (message: string) => void): void {
  if (pin.startsWith('sha256//')) {
    const hash = createHash('sha256').update(spki).digest('base64');
    info(` public key hash: sha256//${hash}`);
    const pinned = pin.split(';').map((p) => p.trim());
    if (pinned.some((p) => p.startsWith('sha256//') && p.slice(8) === hash)) return;
    throw mismatch();
  }
  if (!pinnedKeyOf(pin).equals(spki)) throw mismatch();
}
