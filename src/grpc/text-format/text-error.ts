// The one error the text-format parser throws: QurlError('grpc-schema', 'text format: LINE:COL: what is wrong').
import { QurlError } from '../../errors/index.js';
import type { Token } from './text-lexer.js';

/** A 1-based line and column (in UTF-16 units) in the parsed text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export function textError(at: TextPosition, what: string): QurlError {
  return new QurlError('grpc-schema', `text format: ${at.line}:${at.column}: ${what}`);
}

/** A token's text for an error message: quoted, cut short, control characters escaped. */
export function shown(text: string): string {
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(cut);
}

/** A token for an error message: quoted, with its sign if one came before it; "the end of the input" at the end. */
export function shownToken(token: Token, sign?: Token): string {
  return token.kind === 'eof' ? token.text : shown(sign === undefined ? token.text : `-${token.text}`);
}
