// -F/--form values as curl's tool_formparse.c reads them: NAME=CONTENT where CONTENT is a value, "a quoted
// value", @FILE (a file part, @- for stdin) or <FILE (a file's content as the value), then ;type=, ;filename=
// and ;headers= (a header line, or @FILE of them), each value quoted or up to the next `;`.
import { readFileSync } from 'node:fs';
import { QurlError } from '../errors/index.js';
import type { FormPart } from '../engine/index.js';

/** Reads one word at `at`: a "quoted string" (backslash escapes \" and \\) or text up to the next `;`. */
function readWord(text: string, at: number): { word: string; end: number } {
  if (text[at] !== '"') {
    const semi = text.indexOf(';', at);
    const end = semi < 0 ? text.length : semi;
    return { word: text.slice(at, end), end };
  }
  let word = '';
  let i = at + 1;
  for (; i < text.length && text[i] !== '"'; i++) {
    if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) i++;
    word += text[i];
  }
  // Past the closing quote, whatever precedes the next `;` is ignored, as curl does.
  const semi = text.indexOf(';', i);
  return { word, end: semi < 0 ? text.length : semi };
}

/** ;headers=@FILE: one header a line; blank lines and #-comments skipped. */
function headerFileLines(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new QurlError('read-file', `Failed to open/read local data from file "${file}" (-F headers=@): ${(err as Error).message}`, { cause: err });
  }
  return text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

/** `warn` hears what curl warns about and skips (an unknown ;parameter). */
export function parseFormArg(raw: string, literal = false, warn: (message: string) => void = () => {}): FormPart {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new QurlError('bad-option', `-F "${raw}" is not NAME=CONTENT`);
  const name = raw.slice(0, eq);
  const content = raw.slice(eq + 1);
  if (literal) return { name, value: content, file: false, contentFile: false, headers: [] };
  const file = content.startsWith('@');
  const contentFile = content.startsWith('<');
  const first = readWord(content, file || contentFile ? 1 : 0);
  let type: string | undefined;
  let filename: string | undefined;
  const headers: string[] = [];
  for (let at = first.end; at < content.length; ) {
    const keyEnd = content.indexOf('=', at + 1);
    const key = content.slice(at + 1, keyEnd < 0 ? content.length : keyEnd).trim().toLowerCase();
    const { word, end } = readWord(content, keyEnd < 0 ? at + 1 : keyEnd + 1);
    if (keyEnd < 0 || !['type', 'filename', 'headers', 'encoder'].includes(key)) {
      warn(`skip unknown form field: ${content.slice(at + 1, end)}`);
      at = end;
      continue;
    }
    if (key === 'type') type = word;
    else if (key === 'filename') filename = word;
    else if (key === 'headers') headers.push(...(word.startsWith('@') ? headerFileLines(word.slice(1)) : [word]));
    else throw new QurlError('bad-option', `-F "${raw}": encoder= (base64, quoted-printable) is not supported`);
    at = end;
  }
  if (headers.some((h) => /[\r\n]/.test(h))) throw new QurlError('bad-option', `-F "${raw}": a part header contains CR or LF`);
  if ((file || contentFile) && first.word === '') throw new QurlError('bad-option', `-F "${raw}" names no file`);
  return { name, value: first.word, file, contentFile, type, filename, headers };
}
