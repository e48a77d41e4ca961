// Fuzz tests for the Alt-Svc header parser (RFC 7838 §3) and curl's alt-svc cache file: never a throw (both
// skip what is malformed), only usable alternatives and entries come out, and what they give back reads back the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAltSvcFile, parseAltSvcFile, parseAltSvcHeader } from '../../src/codec/alt-svc.js';
import type { AltSvcAlternative, AltSvcEntry } from '../../src/codec/alt-svc.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';
import { fuzzText } from './mutate-bytes.js';
import { decodeOrTypedError } from './typed-outcome.js';

const HEADER_SEEDS = [
  'h2="new.example.org:80"', 'h2=":8000"', 'h2="alt.example.com:8000", h2=":443"', 'h2=":443"; ma=3600',
  'h2=":443"; ma=2592000; persist=1', 'w%3D%3D="x:1"', 'h3=":9443"; ma=2592000,h3-29=":9443"; ma=2592000',
  'h3="[::1]:443"', 'clear', 'h3=":443"; ma="86400"; persist="1"; foo="a,b;c"',
];
const FILE_SEEDS = [
  '# comment\nh2 example.com 443 h3 example.com 443 "20261231 23:59:59" 0 0\n',
  'h1 [::1] 8080 h3 [::1] 8443 "20270101 00:00:00" 1 0\r\nh2 a 1 h3 b 65535 "99991231 23:59:59" 0 0\n',
];
const isPort = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 65535;

/** Visible ASCII but '"': what cannot add a field or a line to the cache file. */
const FILE_TOKEN = /^[\x21\x23-\x7e]+$/;

function expectUsable(alt: AltSvcAlternative): void {
  expect(alt.alpn).toMatch(FILE_TOKEN);
  if (alt.host !== '') expect(alt.host).toMatch(FILE_TOKEN);
  expect(isPort(alt.port)).toBe(true);
  // RFC 9111 §1.2.2: a delta-seconds value too large to represent is 2^31.
  expect(Number.isInteger(alt.maxAge) && alt.maxAge >= 0 && alt.maxAge <= 2 ** 31).toBe(true);
}

function expectUsableEntry(e: AltSvcEntry): void {
  expect(isPort(e.srcPort) && isPort(e.dstPort)).toBe(true);
  expect(Number.isFinite(e.expires)).toBe(true);
  for (const field of [e.srcAlpn, e.srcHost, e.dstAlpn, e.dstHost]) expect(field).toMatch(/^\S+$/);
}

describe('parseAltSvcHeader on random and mutated field values', () => {
  it('never throws, and every alternative it keeps has an ALPN id, a port and a bounded max age', () => {
    fc.assert(
      fc.property(fuzzText(HEADER_SEEDS), (value) => {
        const outcome = decodeOrTypedError(() => parseAltSvcHeader(value), []);
        if (outcome.ok && outcome.value.kind === 'alternatives') outcome.value.alternatives.forEach(expectUsable);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('reads back the alternatives a server writes', () => {
    const token = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
    const alternative = fc.record({
      alpn: fc.oneof(token, fc.stringMatching(/^[\x21\x23-\x7e]{1,8}$/)),
      host: fc.oneof(fc.constant(''), fc.domain(), fc.ipV6()),
      port: fc.integer({ min: 1, max: 65535 }),
      maxAge: fc.integer({ min: 0, max: 2 ** 31 }),
      persist: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(alternative, { minLength: 1, maxLength: 4 }), (alternatives) => {
        const value = alternatives
          .map((a) => `${encodeURIComponent(a.alpn)}="${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}"; ma=${a.maxAge}${a.persist ? '; persist=1' : ''}`)
          .join(', ');
        expect(parseAltSvcHeader(value)).toEqual({ kind: 'alternatives', alternatives });
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('Alt-Svc field values into the cache file', () => {
  it('a server\'s field value becomes exactly its own entries in the file, whatever it says', () => {
    fc.assert(
      fc.property(fuzzText(HEADER_SEEDS), (value) => {
        const header = parseAltSvcHeader(value);
        if (header.kind === 'clear') return;
        // As the cache stores them (engine/alt-svc-cache.ts): the origin's host when the alternative has none.
        const entries: AltSvcEntry[] = header.alternatives.map((alt) => ({
          srcAlpn: 'h2', srcHost: 'origin.example', srcPort: 443, dstAlpn: alt.alpn, dstHost: alt.host || 'origin.example',
          dstPort: alt.port, expires: Date.UTC(2030, 0, 1) + alt.maxAge * 1000, persist: alt.persist,
        }));
        expect(parseAltSvcFile(formatAltSvcFile(entries))).toEqual(entries);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('Alt-Svc on what fuzzing found', () => {
  it.each([
    ['a percent-encoded newline in the ALPN id (it wrote a line of its own into the cache file)',
      'h3%0Ah2%20victim.example%20443%20h3%20evil.example%20443%20%2220991231%2000:00:00%22%200%200=":443"'],
    ['a tab in the ALPN id', '\u0000\t\u0000h2="new.example.org:80"'],
    ['a space in the host', 'h3="a b:443"'],
  ])('drops an alternative with %s', (_what, value) => {
    expect(parseAltSvcHeader(value)).toEqual({ kind: 'alternatives', alternatives: [] });
  });

  it('caps ma at 2^31 seconds (RFC 9111 §1.2.2) rather than going past 2^53 or to Infinity', () => {
    expect(parseAltSvcHeader(`h3=":443"; ma=${'9'.repeat(400)}`)).toMatchObject({ alternatives: [{ maxAge: 2 ** 31 }] });
  });

  it.each([
    ['a port above 65535', 'h2 example.com 443 h3 example.com 202443 "20261231 23:59:59" 0 0'],
    ['a stray bracket for a host', 'h2 a 1 h3 ] 8443 "20270101 00:00:00" 1 0'],
    ['month 13', 'h2 a 1 h3 b 443 "20271301 00:00:00" 1 0'],
  ])('skips a cache line with %s', (_what, line) => {
    expect(parseAltSvcFile(`${line}\n`)).toEqual([]);
  });

  it('writes years below 1000 with four digits, and reads years below 100 as written, not as 19xx', () => {
    const year100 = new Date('0100-01-01T00:00:00Z').getTime();
    const text = formatAltSvcFile([{ srcAlpn: 'h2', srcHost: 'a', srcPort: 1, dstAlpn: 'h3', dstHost: 'b', dstPort: 2, expires: year100, persist: false }]);
    expect(text).toContain('"01000101 00:00:00"');
    expect(parseAltSvcFile(text).map((e) => e.expires)).toEqual([year100]);
    expect(parseAltSvcFile('h2 a 1 h3 b 2 "00500101 00:00:00" 0 0\n').map((e) => e.expires)).toEqual([new Date('0050-01-01T00:00:00Z').getTime()]);
  });
});

describe('parseAltSvcFile on random and mutated files', () => {
  const file = fc.oneof(fuzzText(FILE_SEEDS, 120), fc.array(fuzzText(FILE_SEEDS, 80), { maxLength: 4 }).map((lines) => lines.join('\n')));

  it('never throws, and every entry it keeps has ports, an expiry and hosts without spaces', () => {
    fc.assert(
      fc.property(file, (text) => {
        const outcome = decodeOrTypedError(() => parseAltSvcFile(text), []);
        if (outcome.ok) outcome.value.forEach(expectUsableEntry);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('reads back the same entries from the file it writes for them', () => {
    fc.assert(
      fc.property(file, (text) => {
        const entries = parseAltSvcFile(text);
        expect(parseAltSvcFile(formatAltSvcFile(entries))).toEqual(entries);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});
