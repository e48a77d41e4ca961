// --alt-svc FILE: curl's Alt-Svc cache. Responses over HTTPS teach it alternatives (RFC 7838); a later request
// to the same origin goes to an HTTP/3 alternative over QUIC first. The file is read once and written at
// the end of the run when something changed; '' keeps the cache in memory only.
import { readFileSync, writeFileSync } from 'node:fs';
import { formatAltSvcFile, parseAltSvcFile, parseAltSvcHeader, type AltSvcEntry } from '../codec/index.js';
import { QurlError } from '../errors/index.js';

export interface AltSvcCache {
  /** A live HTTP/3 alternative for this origin. */
  lookup(host: string, port: number): AltSvcEntry | undefined;
  /** Applies the Alt-Svc field values of a response from this origin, which came over `alpn` (h1, h2, h3). */
  learn(host: string, port: number, alpn: string, values: readonly string[]): void;
  save(): void;
}

function readEntries(file: string): AltSvcEntry[] {
  try {
    return parseAltSvcFile(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new QurlError('read-file', `--alt-svc: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export function openAltSvcCache(file: string): AltSvcCache {
  let entries = file ? readEntries(file) : [];
  let changed = false;
  const sameOrigin = (e: AltSvcEntry, host: string, port: number): boolean => e.srcHost.toLowerCase() === host.toLowerCase() && e.srcPort === port;
  return {
    lookup(host, port) {
      const now = Date.now();
      return entries.find((e) => sameOrigin(e, host, port) && e.dstAlpn === 'h3' && e.expires > now);
    },
    learn(host, port, alpn, values) {
      for (const value of values) {
        const header = parseAltSvcHeader(value);
        // A new field value replaces what the origin said before (RFC 7838 §3.1); `clear` empties it.
        entries = entries.filter((e) => !sameOrigin(e, host, port));
        changed = true;
        if (header.kind === 'clear') continue;
        const now = Date.now();
        for (const alt of header.alternatives) {
          entries.push({
            srcAlpn: alpn, srcHost: host, srcPort: port, dstAlpn: alt.alpn, dstHost: alt.host || host, dstPort: alt.port,
            expires: now + alt.maxAge * 1000, persist: alt.persist,
          });
        }
      }
    },
    save() {
      if (!file || !changed) return;
      try {
        writeFileSync(file, formatAltSvcFile(entries));
      } catch (err) {
        throw new QurlError('write', `--alt-svc: cannot write ${file}: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}
