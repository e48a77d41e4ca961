// The cookie engine (-b, -c, -j) on tough-cookie: cookies from files, from every response's Set-Cookie, and the
// Cookie header for every request, in curl's order (longest path first, newest first). One per run, shared by
// every transfer and every hop, whatever the protocol. Loaded only when a command uses cookies.
import { readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { Cookie, CookieJar } from 'tough-cookie';
import { QurlError } from '../errors/index.js';
import { formatCookieFile, parseCookieFile, type CookieRecord } from './netscape-format.js';

export interface CookieEngine {
  /** The Cookie header value for a request to `url`, or undefined when no cookie matches. */
  header(url: URL): string | undefined;
  /** Stores what a response to `url` set. */
  store(url: URL, setCookies: readonly string[]): void;
  /** Writes every cookie (session ones too, expired ones not) to FILE ('-' for stdout) in curl's format. */
  save(file: string, stdout: NodeJS.WritableStream): void;
}

export interface CookieEngineOptions {
  /** -b FILE (repeatable); '-' reads stdin. A missing file is not an error, as in curl. */
  readonly files: readonly string[];
  /** -j: drop session cookies read from the files. */
  readonly junkSession: boolean;
}

function readCookieFile(file: string): string | null {
  try {
    return readFileSync(file === '-' ? 0 : file, 'latin1');
  } catch {
    return null;
  }
}

function toCookie(r: CookieRecord): Cookie {
  return new Cookie({
    key: r.name, value: r.value, domain: r.domain, path: r.path, secure: r.secure, httpOnly: r.httpOnly, hostOnly: r.hostOnly,
    expires: r.expires === 0 ? 'Infinity' : new Date(r.expires * 1000),
  });
}

function toRecord(c: Cookie): CookieRecord {
  const expiry = c.expiryTime();
  return {
    // A Domain attribute naming an IP address matches that address only: curl files it as host-only.
    name: c.key, value: c.value, domain: c.domain ?? '', hostOnly: c.hostOnly !== false || isIP(c.domain ?? '') !== 0, path: c.path ?? '/',
    secure: c.secure, httpOnly: c.httpOnly, expires: expiry === undefined || !Number.isFinite(expiry) ? 0 : Math.floor(expiry / 1000),
  };
}

/** curl's order (cookie_sort): longer path first, then longer domain, then longer name, then the newest. */
function curlOrder(a: Cookie, b: Cookie): number {
  const len = (s: string | null | undefined): number => (s ?? '').length;
  return len(b.path) - len(a.path) || len(b.domain) - len(a.domain) || len(b.key) - len(a.key) || (b.creationIndex ?? 0) - (a.creationIndex ?? 0);
}

export function createCookieEngine(options: CookieEngineOptions): CookieEngine {
  // looseMode: curl takes `Set-Cookie: value` without a name too.
  const jar = new CookieJar(undefined, { looseMode: true, rejectPublicSuffixes: true, allowSpecialUseDomain: true });
  for (const file of options.files) {
    const text = readCookieFile(file);
    if (text === null) continue;
    for (const line of parseCookieFile(text)) {
      if (line.kind === 'record') {
        if (options.junkSession && line.record.expires === 0) continue;
        const cookie = toCookie(line.record);
        const url = `${line.record.secure ? 'https' : 'http'}://${line.record.domain}${line.record.path}`;
        try {
          jar.setCookieSync(cookie, url, { ignoreError: true });
        } catch {
          // A line tough-cookie refuses (a public suffix as domain) is skipped, as curl skips bad lines.
        }
      } else {
        // A Set-Cookie line in a file has no origin: it applies like a host-only cookie of no host, which curl
        // keeps only when it names a Domain.
        const parsed = Cookie.parse(line.header, { loose: true });
        if (parsed?.domain) jar.setCookieSync(parsed, `http://${parsed.domain.replace(/^\./, '')}/`, { ignoreError: true });
      }
    }
  }
  return {
    header(url) {
      const cookies = jar.getCookiesSync(url.href, { allPaths: false }).sort(curlOrder);
      return cookies.length === 0 ? undefined : cookies.map((c) => c.cookieString()).join('; ');
    },
    store(url, setCookies) {
      for (const value of setCookies) jar.setCookieSync(value, url.href, { ignoreError: true });
    },
    save(file, stdout) {
      let all: Cookie[] = [];
      // The memory store answers at once; its own Cookie objects keep their creation order.
      void jar.store.getAllCookies((err, cookies) => {
        if (!err && cookies) all = cookies.filter((c) => c.TTL() > 0);
      });
      const text = formatCookieFile(all.sort((a, b) => (b.creationIndex ?? 0) - (a.creationIndex ?? 0)).map(toRecord));
      try {
        if (file === '-') stdout.write(text);
        else writeFileSync(file, text);
      } catch (err) {
        throw new QurlError('write', `failed to save cookies in ${file}: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}
