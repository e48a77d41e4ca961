// --hsts FILE: curl's HSTS cache. An http:// URL to a host the cache knows goes to https:// instead; HTTPS
// responses teach it (Strict-Transport-Security, RFC 6797). Read once, written at the end of the run.
import { isIP } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { formatHstsFile, parseHstsFile, parseStsHeader, type HstsEntry } from '../codec/index.js';
import { QurlError } from '../errors/index.js';

export interface HstsCache {
  /** Whether requests to `host` must use HTTPS. */
  secure(host: string): boolean;
  /** A Strict-Transport-Security value from an HTTPS response of `host`. */
  learn(host: string, value: string): void;
  save(): void;
}

const bare = (host: string): string => host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');

function readEntries(file: string): HstsEntry[] {
  try {
    return parseHstsFile(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new QurlError('read-file', `--hsts: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export function openHstsCache(file: string): HstsCache {
  let entries = file ? readEntries(file) : [];
  return {
    secure(host) {
      const h = bare(host);
      if (isIP(h)) return false;
      const now = Date.now();
      return entries.some((e) => e.expires > now && (e.host === h || (e.includeSubDomains && h.endsWith(`.${e.host}`))));
    },
    learn(host, value) {
      const h = bare(host);
      // §8.1.1: an IP literal is never a known HSTS host.
      if (isIP(h)) return;
      const sts = parseStsHeader(value);
      if (!sts) return;
      entries = entries.filter((e) => e.host !== h);
      // max-age=0 forgets the host (§6.1.1).
      if (sts.maxAge > 0) entries.push({ host: h, includeSubDomains: sts.includeSubDomains, expires: Date.now() + sts.maxAge * 1000 });
    },
    save() {
      if (!file) return;
      try {
        writeFileSync(file, formatHstsFile(entries.filter((e) => e.expires > Date.now())));
      } catch (err) {
        throw new QurlError('write', `--hsts: cannot write ${file}: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}
