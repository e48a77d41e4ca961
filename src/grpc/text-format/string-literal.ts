// The body of a text-format string literal as bytes: characters as UTF-8, and the C escapes \a \b \f \n \r \t \v
// \? \\ \' \", octal \o \oo \ooo, hex \xH \xHH, and \uHHHH (surrogate pairs joined) / \UHHHHHHHH as UTF-8.
import { textError, type TextPosition } from './text-error.js';

const SIMPLE: Readonly<Record<string, number>> = {
  a: 0x07, b: 0x08, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b, '?': 0x3f, '\\': 0x5c, "'": 0x27, '"': 0x22,
};

export function decodeStringLiteral(body: string, at: TextPosition): Uint8Array {
  const out: number[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw textError(at, `${what} in string literal`);
  };
  while (i < body.length) {
    const c = body[i]!;
    if (c !== '\\') {
      const codePoint = body.codePointAt(i)!;
      pushUtf8(out, codePoint >= 0xd800 && codePoint <= 0xdfff ? 0xfffd : codePoint);
      i += codePoint > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1] ?? '';
    i += 2;
    if (SIMPLE[e] !== undefined) out.push(SIMPLE[e]);
    else if (/[0-7]/.test(e)) {
      const digits = (e + body.slice(i, i + 2)).match(/^[0-7]{1,3}/)![0];
      i += digits.length - 1;
      const value = parseInt(digits, 8);
      if (value > 0xff) fail(`octal escape \\${digits} is above \\377`);
      out.push(value);
    } else if (e === 'x' || e === 'X') {
      const digits = body.slice(i, i + 2).match(/^[0-9A-Fa-f]{1,2}/)?.[0] ?? fail('\\x without hex digits');
      i += digits.length;
      out.push(parseInt(digits, 16));
    } else if (e === 'u' || e === 'U') {
      const width = e === 'u' ? 4 : 8;
      const digits = body.slice(i, i + width);
      if (!new RegExp(`^[0-9A-Fa-f]{${width}}$`).test(digits)) fail(`\\${e} needs ${width} hex digits`);
      i += width;
      let codePoint = parseInt(digits, 16);
      if (codePoint >= 0xd800 && codePoint <= 0xdbff) {
        const low = /^\\u([dD][c-fC-F][0-9A-Fa-f]{2})/.exec(body.slice(i))?.[1];
        if (low === undefined) fail(`\\${e}${digits} is a lone surrogate`);
        codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (parseInt(low!, 16) - 0xdc00);
        i += 6;
      } else if (codePoint >= 0xdc00 && codePoint <= 0xdfff) fail(`\\${e}${digits} is a lone surrogate`);
      if (codePoint > 0x10ffff) fail(`\\${e}${digits} is beyond Unicode`);
      pushUtf8(out, codePoint);
    // The escaped character shown escaped itself: a newline after the backslash must not break the one-line error.
    } else fail(`invalid escape \\${e === '' ? '' : JSON.stringify(String.fromCodePoint(body.codePointAt(i - 1)!)).slice(1, -1)}`);
  }
  return Uint8Array.from(out);
}

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}
