// Warms TLS before the clock: loads the tls step, reads the --cacert/--cert files into its cache, and builds
// one secure context, which makes OpenSSL load its default root store (about 10 ms, once per process).
import tls from 'node:tls';
import type { TlsSettings } from './connect-types.js';
import './tls-step.js';
import { loadTlsMaterial } from './tls-files.js';

export function warmTls(settings: readonly TlsSettings[]): void {
  for (const s of settings) {
    try {
      const material = loadTlsMaterial(s);
      tls.createSecureContext({ ca: material.ca, cert: material.cert, key: material.key, pfx: material.pfx, passphrase: material.passphrase, crl: material.crl });
    } catch {
      // The transfer reports it.
    }
  }
}
