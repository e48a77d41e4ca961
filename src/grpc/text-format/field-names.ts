// Field names in text-format input: a field's name (a group's also by its type name), [pkg.extension], and
// [domain/pkg.Type] for an expanded google.protobuf.Any. Used by parse-text-format.ts.
import type { DescExtension, DescField, DescMessage, Registry } from '@bufbuild/protobuf';
import type { TextLexer, Token } from './text-lexer.js';
import { shown, shownToken, textError, type TextPosition } from './text-error.js';

export interface BracketName {
  readonly text: string;
  readonly at: TextPosition;
  /** Has a "/": an Any type URL rather than an extension name. */
  readonly isTypeUrl: boolean;
}

/** The field called `name`, or the group whose type is called `name` (as grpcurl and protobuf-go name groups). */
export function findField(desc: DescMessage, name: string): DescField | undefined {
  return (
    desc.fields.find((f) => f.name === name) ??
    desc.fields.find((f) => f.fieldKind !== 'map' && f.message !== undefined && f.delimitedEncoding && f.message.name === name)
  );
}

/** After "[": dotted identifiers, at most one "/", then "]"; whitespace and comments may come between them. */
export function readBracketName(lexer: TextLexer, open: Token): BracketName {
  let text = '';
  let isTypeUrl = false;
  const ident = (): void => {
    const token = lexer.next();
    if (token.kind !== 'ident') throw textError(token.at, `expected a name after ${shown(`[${text}`)}, got ${shownToken(token)}`);
    text += token.text;
  };
  ident();
  for (;;) {
    const token = lexer.next();
    if (token.kind === 'punct' && token.punct === ']') return { text, at: open.at, isTypeUrl };
    if (token.kind === 'punct' && (token.punct === '.' || (token.punct === '/' && !isTypeUrl))) {
      isTypeUrl ||= token.punct === '/';
      text += token.punct;
      ident();
      continue;
    }
    throw textError(token.at, `expected "]" to close ${shown(`[${text}`)}, got ${shownToken(token)}`);
  }
}

/** The extension named in brackets; it must extend `desc`. */
export function findExtension(registry: Registry, desc: DescMessage, name: BracketName): DescExtension {
  const ext = registry.getExtension(name.text);
  if (ext === undefined) throw textError(name.at, `unknown extension [${name.text}] in ${desc.typeName}`);
  if (ext.extendee.typeName !== desc.typeName) throw textError(name.at, `[${name.text}] extends ${ext.extendee.typeName}, not ${desc.typeName}`);
  return ext;
}
