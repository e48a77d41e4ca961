// The tokenizer of the protobuf text format (protobuf.dev/reference/protobuf/textformat-spec): identifiers,
// decimal/octal/hex integers, floats (with an f suffix), single- or double-quoted strings with every escape,
// punctuation; whitespace and # comments between tokens. Used by parse-text-format.ts.
import { decodeStringLiteral } from './string-literal.js';
import { shown, textError, type TextPosition } from './text-error.js';

export type Punctuation = '{' | '}' | '<' | '>' | '[' | ']' | ':' | ',' | ';' | '-' | '/' | '.';

export type Token = { readonly at: TextPosition; readonly text: string } & (
  | { readonly kind: 'punct'; readonly punct: Punctuation }
  | { readonly kind: 'ident' }
  | { readonly kind: 'int'; readonly value: bigint; readonly base: 8 | 10 | 16 }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'string'; readonly bytes: Uint8Array }
  | { readonly kind: 'eof' }
);

const PUNCTUATION = new Set<string>(['{', '}', '<', '>', '[', ']', ':', ',', ';', '-', '/', '.']);
const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\v', '\f']);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isIdentStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);
const NUMBER = /^(?:0[xX][0-9A-Fa-f]+|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fF]?)/;

export class TextLexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private peeked: Token | undefined;

  constructor(private readonly input: string) {}

  /** The next token, not consumed. */
  peek(): Token {
    this.peeked ??= this.scan();
    return this.peeked;
  }

  /** The next token, consumed. */
  next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  private here(): TextPosition {
    return { line: this.line, column: this.pos - this.lineStart + 1 };
  }

  private skipSpace(): void {
    while (this.pos < this.input.length) {
      const c = this.input[this.pos]!;
      if (c === '#') {
        while (this.pos < this.input.length && this.input[this.pos] !== '\n') this.pos++;
      } else if (WHITESPACE.has(c)) {
        this.pos++;
        if (c === '\n') {
          this.line++;
          this.lineStart = this.pos;
        }
      } else return;
    }
  }

  private scan(): Token {
    this.skipSpace();
    const at = this.here();
    if (this.pos >= this.input.length) return { kind: 'eof', at, text: 'the end of the input' };
    const c = this.input[this.pos]!;
    if (c === '"' || c === "'") return this.scanString(at, c);
    const code = this.input.charCodeAt(this.pos);
    if (isDigit(code) || (c === '.' && isDigit(this.input.charCodeAt(this.pos + 1)))) return this.scanNumber(at);
    if (isIdentStart(code)) {
      const start = this.pos;
      while (this.pos < this.input.length && isIdentPart(this.input.charCodeAt(this.pos))) this.pos++;
      return { kind: 'ident', at, text: this.input.slice(start, this.pos) };
    }
    if (PUNCTUATION.has(c)) {
      this.pos++;
      return { kind: 'punct', punct: c as Punctuation, at, text: c };
    }
    throw textError(at, `unexpected character ${shown(String.fromCodePoint(this.input.codePointAt(this.pos)!))}`);
  }

  private scanNumber(at: TextPosition): Token {
    const text = NUMBER.exec(this.input.slice(this.pos, this.pos + 400))?.[0] ?? '';
    this.pos += text.length;
    // A number glued to a letter, digit, dot or underscore is one bad token (the spec's "10bar" edge case).
    if (/[A-Za-z0-9_.]/.test(this.input[this.pos] ?? '')) {
      const start = this.pos - text.length;
      while (this.pos < this.input.length && /[A-Za-z0-9_.+-]/.test(this.input[this.pos]!)) this.pos++;
      throw textError(at, `invalid number ${shown(this.input.slice(start, this.pos))}`);
    }
    if (/^0[xX]/.test(text)) return { kind: 'int', at, text, value: BigInt(text), base: 16 };
    const isFloat = /[.eEfF]/.test(text);
    if (/^0[0-9]/.test(text) && !(isFloat && /^0[.eE]/.test(text))) {
      if (isFloat || /[89]/.test(text)) throw textError(at, `invalid number ${shown(text)}`);
      return { kind: 'int', at, text, value: BigInt(`0o${text.slice(1)}`), base: 8 };
    }
    if (isFloat) return { kind: 'float', at, text, value: Number(text.replace(/[fF]$/, '')) };
    return { kind: 'int', at, text, value: BigInt(text), base: 10 };
  }

  private scanString(at: TextPosition, quote: string): Token {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.input.length) {
      const c = this.input[this.pos]!;
      if (c === '\n') break;
      if (c === '\\') this.pos += 2;
      else if (c === quote) {
        this.pos++;
        const text = this.input.slice(start, this.pos);
        return { kind: 'string', at, text, bytes: decodeStringLiteral(text.slice(1, -1), at) };
      } else this.pos++;
    }
    throw textError(at, 'unterminated string (a string ends on its line, with the quote it began with)');
  }
}
