// URL globbing as curl's tool does it ([1-100], [001-100], [a-z], [1-100:10], {a,b,c}), with curl 7.88's error
// words and positions; url-jobs.ts expands each URL (and each -T name) with it, and names -o files with #N.
import { isIPv6 } from 'node:net';
import { QurlError } from '../errors/index.js';

type GlobPart =
  | { readonly kind: 'fixed'; readonly text: string }
  | { readonly kind: 'set'; readonly items: readonly string[] }
  | { readonly kind: 'num'; readonly min: bigint; readonly max: bigint; readonly step: bigint; readonly pad: number }
  | { readonly kind: 'char'; readonly min: number; readonly max: number; readonly step: number };

export interface GlobExpansion {
  readonly text: string;
  /** What each glob matched, in order: #1 is matched[0]. */
  readonly matched: readonly string[];
}

const ULONG_MAX = (1n << 64n) - 1n;
/** curl's GLOB_PATTERN_NUM: literal runs and globs together. */
const MAX_PARTS = 100;
const INT_MAX = 2 ** 31 - 1;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c);
const isSpace = (c: string | undefined): boolean => c !== undefined && ' \t\n\v\f\r'.includes(c);

/** C's strtoul on s from i: blanks, a sign, digits; `end` is i when there are no digits, as endptr is. */
function strtoul(s: string, i: number): { value: bigint; end: number; overflow: boolean } {
  let j = i;
  while (isSpace(s[j])) j++;
  const negative = s[j] === '-';
  if (s[j] === '-' || s[j] === '+') j++;
  const start = j;
  while (isDigit(s[j])) j++;
  if (j === start) return { value: 0n, end: i, overflow: false };
  const n = BigInt(s.slice(start, j));
  if (n > ULONG_MAX) return { value: ULONG_MAX, end: j, overflow: true };
  return { value: negative && n > 0n ? (1n << 64n) - n : n, end: j, overflow: false };
}

class GlobError extends Error {
  constructor(
    readonly words: string,
    readonly pos: number,
  ) {
    super(words);
  }
}

/** `[...]` at i is an IPv6 literal (with an optional zone id) that curl's URL parser takes as a host, not a glob. */
function ipv6LiteralLength(s: string, i: number): number {
  const close = s.indexOf(']', i);
  if (close < 0 || close - i + 1 >= 128) return 0;
  const inner = s.slice(i + 1, close);
  const pct = inner.indexOf('%');
  const address = pct < 0 ? inner : inner.slice(0, pct);
  const zone = pct < 0 ? undefined : inner.slice(pct + 1).replace(/^25/, '');
  if (!isIPv6(address) || (zone !== undefined && !/^[A-Za-z0-9._~-]+$/.test(zone))) return 0;
  return close - i + 1;
}

interface Cursor {
  i: number;
  /** curl's column for messages: 1-based, and one behind after each {set} (curl does not count its '}'). */
  pos: number;
}

function parseSet(s: string, at: Cursor): GlobPart {
  const open = at.pos - 1;
  const items: string[] = [];
  let item = '';
  const first = at.i;
  for (;;) {
    const c = s[at.i];
    if (c === undefined) throw new GlobError('unmatched brace', open);
    if (c === '{' || c === '[') throw new GlobError('nested brace', at.pos);
    if (c === ']') throw new GlobError('unexpected close bracket', at.pos);
    if (c === '}' && at.i === first) throw new GlobError('empty string within braces', at.pos);
    if (c === '}' || c === ',') {
      items.push(item);
      item = '';
      at.i++;
      if (c === '}') return { kind: 'set', items };
      at.pos++;
      continue;
    }
    if (c === '\\' && at.i + 1 < s.length) {
      at.i++;
      at.pos++;
    }
    item += s[at.i++];
    at.pos++;
  }
}

function parseCharRange(s: string, at: Cursor): GlobPart {
  const p = at.i;
  const min = s.charCodeAt(p);
  const max = s.charCodeAt(p + 2);
  let end = p;
  let step = 1;
  // sscanf("%c-%c%c"): a letter, '-', then any two characters.
  let ok = s[p + 1] === '-' && p + 3 < s.length;
  if (ok && s[p + 3] === ':') {
    const n = strtoul(s, p + 4);
    if (n.overflow || n.end === p + 4 || s[n.end] !== ']') step = 0;
    else {
      step = n.value > BigInt(INT_MAX) ? INT_MAX + 1 : Number(n.value);
      end = n.end + 1;
    }
  } else if (ok && s[p + 3] === ']') end = p + 4;
  else ok = false;
  at.pos += end - p;
  at.i = end;
  const wellFormed =
    ok && step > 0 && step <= INT_MAX && max < 128 && (min === max ? step === 1 : min < max && step <= max - min && max - min <= 25);
  if (!wellFormed) throw new GlobError('bad range', at.pos);
  return { kind: 'char', min, max, step };
}

function parseNumRange(s: string, at: Cursor): GlobPart {
  const p = at.i;
  let pattern = p;
  let pad = 0;
  if (s[p] === '0') while (isDigit(s[p + pad])) pad++;
  let max = 0n;
  let step = 0n;
  let ok = false;
  const low = strtoul(s, p);
  const min = low.value;
  if (!low.overflow && s[low.end] === '-') {
    pattern = low.end + 1;
    while (s[pattern] === ' ' || s[pattern] === '\t') pattern++;
    if (isDigit(s[pattern])) {
      const high = strtoul(s, pattern);
      max = high.value;
      let end: number | undefined = high.overflow ? undefined : high.end;
      if (end !== undefined && s[end] === ':') {
        pattern = end + 1;
        const n = strtoul(s, pattern);
        step = n.value;
        end = n.overflow ? undefined : n.end;
      } else step = 1n;
      if (end !== undefined && s[end] === ']') {
        pattern = end + 1;
        ok = true;
      }
    }
  }
  at.pos += pattern - p;
  at.i = pattern;
  if (!ok || step === 0n || (min === max ? step !== 1n : min > max || step > max - min)) throw new GlobError('bad range', at.pos);
  return { kind: 'num', min, max, step, pad };
}

function parseRange(s: string, at: Cursor): GlobPart {
  if (isAlpha(s[at.i])) return parseCharRange(s, at);
  if (isDigit(s[at.i])) return parseNumRange(s, at);
  throw new GlobError('bad range specification', at.pos);
}

/** A literal run up to the next glob; \[ \] \{ \} stand for themselves, `[]` and IPv6 literals are kept. */
function parseFixed(s: string, at: Cursor): string {
  let text = '';
  while (at.i < s.length && s[at.i] !== '{') {
    const c = s[at.i]!;
    if (c === '[') {
      const skip = ipv6LiteralLength(s, at.i) || (s[at.i + 1] === ']' ? 2 : 0);
      if (skip === 0) break;
      text += s.slice(at.i, at.i + skip);
      at.i += skip;
      continue;
    }
    if (c === '}' || c === ']') throw new GlobError('unmatched close brace/bracket', at.pos);
    if (c === '\\' && '{[}]'.includes(s[at.i + 1] ?? 'x')) {
      at.i++;
      at.pos++;
    }
    text += s[at.i++];
    at.pos++;
  }
  return text;
}

/** Whether `s` may be more than fixed text: a glob's brackets or braces, or the backslash that escapes them. */
export const mayGlob = (s: string): boolean => /[[\]{}\\]/.test(s);

function parseParts(s: string): GlobPart[] {
  const parts: GlobPart[] = [];
  const at: Cursor = { i: 0, pos: 1 };
  while (at.i < s.length) {
    const text = parseFixed(s, at);
    if (text !== '') parts.push({ kind: 'fixed', text });
    else {
      const c = s[at.i++];
      at.pos++;
      parts.push(c === '{' ? parseSet(s, at) : parseRange(s, at));
    }
    if (parts.length >= MAX_PARTS) throw new GlobError('too many globs', at.pos);
  }
  return parts;
}

function sizeOf(part: GlobPart): bigint {
  switch (part.kind) {
    case 'fixed':
      return 1n;
    case 'set':
      return BigInt(part.items.length);
    case 'num':
      return (part.max - part.min) / part.step + 1n;
    case 'char':
      return BigInt(Math.floor((part.max - part.min) / part.step) + 1);
  }
}

function valuesOf(part: GlobPart): string[] {
  switch (part.kind) {
    case 'fixed':
      return [part.text];
    case 'set':
      return [...part.items];
    case 'num': {
      const out: string[] = [];
      for (let n = part.min; n <= part.max; n += part.step) out.push(n.toString().padStart(part.pad, '0'));
      return out;
    }
    case 'char': {
      const out: string[] = [];
      for (let c = part.min; c <= part.max; c += part.step) out.push(String.fromCharCode(c));
      return out;
    }
  }
}

export interface UrlGlob {
  /** How many strings the pattern stands for. */
  readonly count: bigint;
  /** Every one, the rightmost glob varying fastest (curl's order). */
  expand(): GlobExpansion[];
}

/** Parses a glob pattern; a malformed one is curl's exit 3 with its words and column. */
export function parseUrlGlob(pattern: string): UrlGlob {
  let parts: GlobPart[];
  try {
    parts = parseParts(pattern);
  } catch (err) {
    if (!(err instanceof GlobError)) throw err;
    throw new QurlError('bad-url', `${err.words} in URL position ${err.pos}: ${pattern}`);
  }
  const count = parts.reduce((n, p) => n * sizeOf(p), 1n);
  if (count > ULONG_MAX) throw new QurlError('bad-url', `range overflow: ${pattern}`);
  return {
    count,
    expand: () => {
      let out: GlobExpansion[] = [{ text: '', matched: [] }];
      for (const part of parts) {
        const values = valuesOf(part);
        out = out.flatMap((e) => values.map((v) => ({ text: e.text + v, matched: part.kind === 'fixed' ? e.matched : [...e.matched, v] })));
      }
      return out;
    },
  };
}

/** An -o name with #1, #2… replaced by what the URL's globs matched; a # without such a glob stays as written. */
export function globOutputName(template: string, matched: readonly string[]): string {
  return template.replace(/#(\d+)/g, (whole, n: string) => {
    const i = Number(n);
    return i >= 1 && i <= matched.length ? matched[i - 1]! : whole;
  });
}
