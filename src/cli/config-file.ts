// -K/--config and the default ~/.qurlrc: curl's config-file syntax turned into argv words, which expand-argv.ts
// splices in where -K stood. As in curl, an unknown or incomplete line is a warning and the rest is read.
import { readFileSync } from 'node:fs';
import { QurlError } from '../errors/index.js';
import { BY_SHORT, hasOptionalArg, lookupLong } from './option-lookup.js';

export type ConfigWarn = (message: string) => void;

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', v: '\v' };
const isSpace = (c: string | undefined): boolean => c !== undefined && ' \t\n\v\f\r'.includes(c);

/** A "quoted" parameter from just after its opening quote: \t \n \r \v, a backslash keeps any other letter; an unclosed quote runs to the end of the line. */
function unquote(text: string): string {
  let out = '';
  for (let i = 0; i < text.length && text[i] !== '"'; i++) {
    if (text[i] !== '\\') {
      out += text[i];
      continue;
    }
    const next = text[++i];
    if (next !== undefined) out += ESCAPES[next] ?? next;
  }
  return out;
}

interface ConfigLine {
  readonly option: string;
  readonly param?: string;
  readonly trailing: boolean;
}

/** `name = "value"` without escapes, the shape of nearly every line (one native match instead of a walk). */
const PLAIN_QUOTED = /^[ \t\n\v\f\r]*([A-Za-z0-9][A-Za-z0-9.-]*)[ \t\n\v\f\r=:]+"([^"\\]*)(?:"|$)/;

/** Splits a line as curl's parseconfig does: a dashed name ends at a blank, a bare one also at = or :. */
function splitLine(line: string): ConfigLine | undefined {
  const plain = PLAIN_QUOTED.exec(line);
  if (plain) return { option: plain[1]!, param: plain[2]!, trailing: false };
  let i = 0;
  while (isSpace(line[i])) i++;
  // '#' starts a comment, and so do '/' and '*' (curl's C-style comments).
  if (i === line.length || '#/*'.includes(line[i]!)) return undefined;
  const dashed = line[i] === '-';
  const isSep = (c: string | undefined): boolean => !dashed && (c === '=' || c === ':');
  const start = i;
  while (i < line.length && !isSpace(line[i]) && !isSep(line[i])) i++;
  const option = line.slice(start, i);
  while (isSpace(line[i]) || isSep(line[i])) i++;
  if (line[i] === '"') return { option, param: unquote(line.slice(i + 1)), trailing: false };
  const from = i;
  while (i < line.length && !isSpace(line[i])) i++;
  const param = line.slice(from, i);
  while (isSpace(line[i])) i++;
  return { option, param: param === '' ? undefined : param, trailing: i < line.length && line[i] !== '#' };
}

/** A short-option word (`-s`, `-o`, `-sSo`) with its parameter: the first letter that takes an argument takes the rest of the word, or the parameter. */
function shortWords(option: string, param: string | undefined, where: string, warn: ConfigWarn): string[] {
  for (let k = 1; k < option.length; k++) {
    const def = BY_SHORT.get(option[k]!);
    if (!def) {
      warn(`${where}: '${option}' is unknown`);
      return [];
    }
    if (def.arg === undefined) continue;
    if (k < option.length - 1) return [option];
    if (param === undefined) {
      warn(`${where}: '${option}' requires parameter`);
      return [];
    }
    return [option, param];
  }
  if (param !== undefined) warn(`${where}: '${option}' had unsupported trailing garbage`);
  return option.length > 1 ? [option] : [];
}

/** One config line → argv words ([] for blanks, comments and lines curl would warn about and skip). */
export function configLineToArgs(line: string, file = 'config', lineNo = 1, warn: ConfigWarn = () => {}): string[] {
  const parsed = splitLine(line);
  if (!parsed) return [];
  const { option, param } = parsed;
  const where = `${file}:${lineNo}`;
  if (parsed.trailing) warn(`${where}: '${option}' uses unquoted whitespace in the line that may cause side-effects!`);
  if (option.startsWith('-') && !option.startsWith('--')) return shortWords(option, param, where, warn);
  const found = lookupLong(option.replace(/^--/, ''));
  if (found.kind !== 'found') {
    warn(`${where}: '${option}' is ${found.kind}`);
    return [];
  }
  const flag = `--${found.expand ? 'expand-' : ''}${found.def.long}`;
  if (found.def.arg === undefined) {
    if (param !== undefined) warn(`${where}: '${option}' had unsupported trailing garbage`);
    return [flag];
  }
  if (param === undefined) {
    if (hasOptionalArg(found.def)) return [flag];
    warn(`${where}: '${option}' requires parameter`);
    return [];
  }
  return [flag, param];
}

/** A config file's words; `-` is stdin. */
export function readConfigFile(file: string, warn: ConfigWarn = () => {}): string[] {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (err) {
    throw new QurlError('read-file', `cannot read config file ${file}: ${(err as Error).message}`, { cause: err });
  }
  const name = file === '-' ? '<stdin>' : file;
  return text.split(/\r?\n/).flatMap((line, i) => configLineToArgs(line, name, i + 1, warn));
}
