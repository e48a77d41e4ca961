// Runs one .proto text through protobufjs's parser into a shared Root, the way protoc reads it: comments
// right before an element are its doc comment (a comment after code on the same line is not), and a syntax
// error names file:line:column. Used by proto-tree.ts.
import protobuf from 'protobufjs';
import { reasonOf, schemaError } from './schema-error.js';

export interface ProtoSource {
  /** The import name (`src/proto/grpc/testing/test.proto`): the descriptor's `name`. */
  readonly name: string;
  /** Where it was read from, for messages. */
  readonly displayPath: string;
  readonly text: string;
}

export interface ProtoHeader {
  readonly package: string;
  readonly imports: readonly string[];
  readonly syntax: 'proto2' | 'proto3';
}

const PARSE_OPTIONS = { keepCase: true, alternateCommentMode: true } as const;
const parseState = protobuf.parse as unknown as { filename: string | null };

/** Parses `source` into `root`; its objects get `filename` = the import name. Throws a 'grpc-schema' QurlError. */
export function parseProtoText(root: protobuf.Root, source: ProtoSource): ProtoHeader {
  const text = prepareComments(source.text);
  const syntax = syntaxOf(text, source.displayPath);
  parseState.filename = source.name;
  let parsed: protobuf.IParserResult;
  try {
    parsed = protobuf.parse(text, root, PARSE_OPTIONS);
  } catch (err) {
    throw parseError(source, text, err);
  } finally {
    parseState.filename = null;
  }
  return {
    package: parsed.package ?? '',
    imports: [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])],
    syntax,
  };
}

function syntaxOf(text: string, displayPath: string): 'proto2' | 'proto3' {
  const edition = /^\s*edition\s*=\s*["']([^"']*)["']/m.exec(text);
  if (edition) throw schemaError(`${displayPath}: editions are not supported in .proto files yet (edition "${edition[1]}"); use a protoset`);
  return /^\s*syntax\s*=\s*["']proto3["']/m.test(text) ? 'proto3' : 'proto2';
}

/** Marks where a `//` comment line's text starts and ends: protobufjs trims comment lines, protoc keeps them. */
export const COMMENT_EDGE = '\u2063';

/**
 * Prepares a text for protobufjs the way protoc reads comments. A comment after code on its line is a trailing
 * comment, which grpcurl never prints but protobufjs would take as the doc comment: it is blanked (lines and
 * columns stay where they were). A comment line keeps its exact text between two COMMENT_EDGE marks.
 */
function prepareComments(text: string): string {
  let inBlock = false;
  return text.split('\n').map((line) => {
    let sawCode = false;
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (inBlock) {
        if (c === '*' && line[i + 1] === '/') { inBlock = false; i++; }
      } else if (quote !== undefined) {
        if (c === '\\') i++;
        else if (c === quote) quote = undefined;
      } else if (c === '/' && line[i + 1] === '*') {
        inBlock = true;
        i++;
      } else if (c === '/' && line[i + 1] === '/') {
        if (sawCode) return line.slice(0, i);
        const body = line.slice(i + 2).replace(/\r$/, '');
        return `${line.slice(0, i)}//${COMMENT_EDGE}${body}${COMMENT_EDGE}`;
      } else if (c === '"' || c === "'") {
        quote = c;
        sawCode = true;
      } else if (c !== ' ' && c !== '\t' && c !== '\r') {
        sawCode = true;
      }
    }
    return line;
  }).join('\n');
}

/** protobufjs counts lines wrongly after `//` blocks in its alternate comment mode: a second, plain parse places the error. */
function parseError(source: ProtoSource, text: string, err: unknown): Error {
  let reason = reasonOf(err);
  try {
    protobuf.parse(text, new protobuf.Root(), { keepCase: true });
  } catch (plainErr) {
    reason = reasonOf(plainErr);
  }
  const position = /\s*\((?:[^()]*, )?line (\d+)\)$/.exec(reason);
  const line = Number(position?.[1] ?? 0);
  const message = position ? reason.slice(0, position.index) : reason;
  // At the end of a truncated file protobufjs's parser gets a null token: it says 'null', or fails on it.
  const lineText = source.text.split('\n')[line - 1] ?? '';
  if ((err instanceof TypeError && /\bnull\b/.test(reason)) || (/'null'/.test(message) && !lineText.includes('null'))) {
    const lines = source.text.replace(/\s+$/, '').split('\n');
    return schemaError(`${source.displayPath}:${lines.length}:${(lines[lines.length - 1] ?? '').length + 1}: unexpected end of file`, err);
  }
  if (!position) return schemaError(`${source.displayPath}: ${reason}`, err);
  const column = columnOf(lineText, message);
  return schemaError(`${source.displayPath}:${line}:${column}: ${message}`, err);
}

function columnOf(lineText: string, message: string): number {
  // An unterminated string: its opening quote is the last quote on the line.
  if (message.startsWith('illegal string')) {
    const quote = Math.max(lineText.lastIndexOf('"'), lineText.lastIndexOf("'"));
    if (quote >= 0) return quote + 1;
  }
  const token = /'([^']*)'/.exec(message)?.[1];
  const at = token === undefined || token === '' ? -1 : lineText.indexOf(token);
  if (at >= 0) return at + 1;
  const firstCode = lineText.search(/\S/);
  return firstCode >= 0 ? firstCode + 1 : 1;
}
