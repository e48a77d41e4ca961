// The files (and pass phrase) a TlsSettings reads, as one string: the tls-files cache's key, and the warm
// plan's, for one secure context per distinct set. Kept apart so that naming it loads no node:tls.
import type { TlsSettings } from './connect-types.js';

export function tlsMaterialKey(t: TlsSettings): string {
  return JSON.stringify([t.caFile, t.caPath, t.certFile, t.keyFile, t.certType, t.keyType, t.passphrase, t.crlFile]);
}
