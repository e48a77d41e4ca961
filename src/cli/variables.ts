// --variable and --expand-OPTION (curl 8.3): setting variables and putting {{name}} and {{name:fn:fn}} into an
// option's argument, with curl's warnings and errors; expand-argv.ts calls these as it walks argv.
import { readFileSync } from 'node:fs';
import { QurlError } from '../errors/index.js';

export type Variables = Map<string, Buffer>;
export type Warn = (message: string) => void;

/** curl's MAX_VAR_LEN: a name is 1 to 127 of [A-Za-z0-9_]. */
const MAX_NAME = 128;
const NAME_CHAR = /[A-Za-z0-9_]/;
const isSpaceByte = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d);

function readContent(file: string): Buffer {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (err as Error).message;
    throw new QurlError('read-file', `--variable: failed to open ${file}: ${reason}`, { cause: err });
  }
}

/** --variable NAME=TEXT, NAME@FILE (@- stdin), %NAME (from the environment, which must set it), %NAME=DEFAULT, %NAME@FILE. */
export function setVariable(input: string, vars: Variables, env: NodeJS.ProcessEnv, warn: Warn): void {
  const isImport = input.startsWith('%');
  let rest = isImport ? input.slice(1) : input;
  let n = 0;
  while (n < rest.length && NAME_CHAR.test(rest[n]!)) n++;
  const name = rest.slice(0, n);
  rest = rest.slice(n);
  if (n === 0 || n >= MAX_NAME) return warn(`Bad variable name length (${n}), skipping`);
  let content: Buffer | undefined;
  if (isImport) {
    const value = env[name];
    if (value === undefined && rest === '') throw new QurlError('bad-option', `Variable '${name}' import fail, not set`);
    if (value !== undefined) content = Buffer.from(value);
  }
  if (content === undefined) {
    if (rest.startsWith('@')) content = readContent(rest.slice(1));
    else if (rest.startsWith('=')) content = Buffer.from(rest.slice(1));
    else return warn(`Bad --variable syntax, skipping: ${input}`);
  }
  vars.set(name, content);
}

function jsonQuoted(c: Buffer): Buffer {
  const SHORT: Readonly<Record<number, string>> = { 0x22: '\\"', 0x5c: '\\\\', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };
  const parts: Buffer[] = [];
  for (const b of c) {
    const esc = SHORT[b] ?? (b < 0x20 ? `\\u${b.toString(16).padStart(4, '0')}` : undefined);
    parts.push(esc === undefined ? Buffer.of(b) : Buffer.from(esc));
  }
  return Buffer.concat(parts);
}

/** curl_easy_escape: all but ALPHA, DIGIT and -._~ as %XX. */
function urlEncoded(c: Buffer): Buffer {
  let out = '';
  for (const b of c) out += /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return Buffer.from(out);
}

function base64Decoded(c: Buffer): Buffer {
  const text = c.toString('latin1');
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return Buffer.from('[64dec-fail]');
  return Buffer.from(text, 'base64');
}

function trimmed(c: Buffer): Buffer {
  let start = 0;
  let end = c.length;
  while (start < end && isSpaceByte(c[start]!)) start++;
  while (end > start && isSpaceByte(c[end - 1]!)) end--;
  return c.subarray(start, end);
}

const FUNCTIONS: Readonly<Record<string, (c: Buffer) => Buffer>> = {
  trim: trimmed,
  json: jsonQuoted,
  url: urlEncoded,
  b64: (c) => Buffer.from(c.toString('base64')),
  '64dec': base64Decoded,
};

/** `:fn:fn` applied left to right; a variable that is not set is empty and stays empty. */
function applyFunctions(value: Buffer, functions: string): Buffer {
  let out = value;
  for (const fn of functions.slice(1).split(':')) {
    const apply = Object.hasOwn(FUNCTIONS, fn) ? FUNCTIONS[fn] : undefined;
    if (!apply) throw new QurlError('bad-option', `unknown variable function in '${functions}'`);
    out = apply(out);
  }
  return out;
}

/**
 * ARG of --expand-OPTION with each {{name}} / {{name:fn...}} replaced (\{{ stays as {{). As in curl, a malformed
 * reference is a warning and stays as written, and ARG is used unchanged when nothing was replaced.
 */
export function expandVariables(input: string, vars: Variables, warn: Warn): string {
  let out = '';
  let at = 0;
  let replaced = false;
  for (;;) {
    const open = input.indexOf('{{', at);
    if (open < 0) break;
    if (open > at && input[open - 1] === '\\') {
      out += `${input.slice(at, open - 1)}{{`;
      at = open + 2;
      continue;
    }
    const close = input.indexOf('}}', open);
    if (close < 0) {
      warn(`missing close '}}' in '${input}'`);
      break;
    }
    const inner = input.slice(open + 2, close);
    const colon = inner.indexOf(':');
    const name = colon < 0 ? inner : inner.slice(0, colon);
    if (name.length === 0 || name.length >= MAX_NAME) {
      warn(`bad variable name length '${input}'`);
      out += input.slice(at, close + 2);
    } else if (![...name].every((c) => NAME_CHAR.test(c))) {
      warn(`bad variable name: ${name}`);
      out += input.slice(at, close + 2);
    } else {
      let value = vars.get(name) ?? Buffer.alloc(0);
      if (colon >= 0) value = applyFunctions(value, inner.slice(colon));
      if (value.includes(0)) throw new QurlError('bad-option', 'variable contains null byte');
      out += input.slice(at, open) + value.toString('utf8');
      replaced = true;
    }
    at = close + 2;
  }
  return replaced ? out + input.slice(at) : input;
}
