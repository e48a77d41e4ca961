// Property tests for multipart/form-data part heads (RFC 7578), an encoder only: whatever a name or filename holds,
// the head keeps its lines, never contains the boundary's delimiter, and its quoted strings read back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multipartClose, multipartPartHead } from '../../src/codec/multipart.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-runs.js';

/** RFC 2046 §5.1.1 bchars, as a boundary may hold them (curl's are dashes and hex). */
const boundary = fc.stringMatching(/^[0-9A-Za-z'()+_,\-./:=?]{1,70}$/);
const anyText = fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 24 }), fc.string({ unit: 'binary', maxLength: 24 }), fc.constantFrom('a"b', 'a\\b', 'x\r\n--B', '\r\n\r\n'));
/** A type from `-F 'f=@x;type=...'`: written as given, so no line breaks (qurl does not escape them). */
const contentType = fc.stringMatching(/^[!-~][ -~]{0,30}$/);

/** The quoted-string values (RFC 9110 §5.6.4) of a Content-Disposition line, in order. */
/** The quoted values of a line: with --form-escape backslash escapes undone; otherwise no `"` is inside one. */
function quotedValues(line: string, backslash: boolean): string[] {
  if (!backslash) return [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
}

/** What a quoted value reads back as: line breaks percent-encoded as curl does, and `"` too without --form-escape. */
const curlEscaped = (text: string, backslash: boolean): string =>
  (backslash ? text : text.replace(/"/g, '%22')).replace(/\r/g, '%0D').replace(/\n/g, '%0A');

describe('multipart part heads for any name, filename and type', () => {
  it('keep their lines, hold no delimiter, and quote the name and filename so they read back', () => {
    fc.assert(
      fc.property(boundary, anyText, fc.option(anyText, { nil: undefined }), fc.option(contentType, { nil: undefined }), fc.boolean(), (b, name, filename, type, backslash) => {
        const head = multipartPartHead(b, filename === undefined ? { name, ...(type ? { type } : {}) } : { name, filename, ...(type ? { type } : {}) }, backslash);
        const lines = head.split('\r\n');
        expect(lines[0]).toBe(`--${b}`);
        expect(lines.slice(-2)).toEqual(['', '']);
        expect(lines).toHaveLength(type ? 5 : 4);
        expect(lines.slice(1, -2).every((l) => !/[\r\n]/.test(l))).toBe(true);
        expect(head.indexOf(`\r\n--${b}`)).toBe(-1);
        const disposition = lines[1]!;
        expect(disposition.startsWith('Content-Disposition: form-data; name="')).toBe(true);
        const expected = filename === undefined ? [name] : [name, filename];
        expect(quotedValues(disposition, backslash)).toEqual(expected.map((v) => curlEscaped(v, backslash)));
        if (type) expect(lines[2]).toBe(`Content-Type: ${type}`);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('close with the delimiter and two dashes', () => {
    fc.assert(fc.property(boundary, (b) => void expect(multipartClose(b)).toBe(`--${b}--\r\n`)), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);
});
