// Alt-Svc (RFC 7838): the response header's alternatives, and curl's alt-svc cache file, one entry a line:
// `h2 example.com 443 h3 example.com 443 "20261231 00:00:00" 0 0` (from, to, expiry in GMT, persist, prio).
export interface AltSvcAlternative {
  readonly alpn: string;
  /** Empty: the origin's own host. */
  readonly host: string;
  readonly port: number;
  /** Seconds the alternative stays valid (`ma`, default 24 h). */
  readonly maxAge: number;
  readonly persist: boolean;
}

export type AltSvcHeader = { readonly kind: 'clear' } | { readonly kind: 'alternatives'; readonly alternatives: readonly AltSvcAlternative[] };

export interface AltSvcEntry {
  readonly srcAlpn: string;
  readonly srcHost: string;
  readonly srcPort: number;
  readonly dstAlpn: string;
  readonly dstHost: string;
  readonly dstPort: number;
  /** Milliseconds since the epoch. */
  readonly expires: number;
  readonly persist: boolean;
}

const DEFAULT_MAX_AGE = 24 * 3600;
/** RFC 9111 §1.2.2: a delta-seconds value too large to represent counts as 2^31. */
const MAX_DELTA_SECONDS = 2 ** 31;

/** What can stand in a field of the cache file (space-separated, the expiry quoted): visible ASCII but '"'. */
const isFileToken = (text: string): boolean => /^[\x21\x23-\x7e]+$/.test(text);

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    if (c === '\\' && quoted && i + 1 < text.length) {
      current += c + text[++i];
      continue;
    }
    if (c === sep && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function unquote(text: string): string {
  const t = text.trim();
  return t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
}

/** `host:port`, `:port` or `[v6]:port`; undefined when malformed. */
function parseAuthority(text: string): { host: string; port: number } | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]*):(\d{1,5})$/.exec(text);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

/** The alternatives one Alt-Svc field value offers; malformed alternatives are skipped, not fatal. */
export function parseAltSvcHeader(value: string): AltSvcHeader {
  if (value.trim() === 'clear') return { kind: 'clear' };
  const alternatives: AltSvcAlternative[] = [];
  for (const item of splitOutsideQuotes(value, ',')) {
    const [first, ...params] = splitOutsideQuotes(item, ';');
    const eq = first?.indexOf('=') ?? -1;
    if (!first || eq <= 0) continue;
    const alpn = decodeURIComponentSafe(first.slice(0, eq).trim());
    const authority = parseAuthority(unquote(first.slice(eq + 1)));
    // Checked so that what a server says cannot add fields or lines to the cache file.
    if (!isFileToken(alpn) || !authority || (authority.host !== '' && !isFileToken(authority.host))) continue;
    let maxAge = DEFAULT_MAX_AGE;
    let persist = false;
    for (const p of params) {
      const [name, raw = ''] = p.split('=', 2).map((s) => s.trim());
      const v = unquote(raw);
      if (name === 'ma' && /^\d+$/.test(v)) maxAge = Math.min(Number(v), MAX_DELTA_SECONDS);
      else if (name === 'persist' && v === '1') persist = true;
    }
    alternatives.push({ alpn, ...authority, maxAge, persist });
  }
  return { kind: 'alternatives', alternatives };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

function formatExpiry(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function parseExpiry(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hours, minutes, seconds] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  // setUTCFullYear, not Date.UTC, which reads years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.setUTCHours(hours, minutes, seconds, 0);
}

/** `[v6]` or a name without brackets. */
function parseFileHost(text: string): string | undefined {
  const v6 = /^\[([^[\]]+)\]$/.exec(text);
  if (v6) return v6[1];
  return /[[\]]/.test(text) ? undefined : text;
}

function parsePort(text: string): number | undefined {
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

const bracket = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** curl's alt-svc file: comments and malformed lines (a port outside 1..65535, a stray bracket, a date out of range) are skipped. */
export function parseAltSvcFile(text: string): AltSvcEntry[] {
  const entries: AltSvcEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\S+) (\S+) (\d+) (\S+) (\S+) (\d+) "([^"]+)" (\d+) (\d+)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    const [srcHost, srcPort, dstHost, dstPort] = [parseFileHost(m[2]!), parsePort(m[3]!), parseFileHost(m[5]!), parsePort(m[6]!)];
    const expires = parseExpiry(m[7]!);
    if (srcHost === undefined || srcPort === undefined || dstHost === undefined || dstPort === undefined || expires === undefined) continue;
    entries.push({ srcAlpn: m[1]!, srcHost, srcPort, dstAlpn: m[4]!, dstHost, dstPort, expires, persist: m[8] === '1' });
  }
  return entries;
}

export function formatAltSvcFile(entries: readonly AltSvcEntry[]): string {
  const lines = ['# Your alt-svc cache. https://curl.se/docs/alt-svc.html', '# This file was generated by qurl! Edit at your own risk.'];
  for (const e of entries) {
    lines.push(`${e.srcAlpn} ${bracket(e.srcHost)} ${e.srcPort} ${e.dstAlpn} ${bracket(e.dstHost)} ${e.dstPort} "${formatExpiry(e.expires)}" ${e.persist ? 1 : 0} 0`);
  }
  return `${lines.join('\n')}\n`;
}
