// -K/--config: curl's config-file syntax turned into argv words, spliced in where -K stood.
import { readFileSync } from 'node:fs';
import { QurlError } from '../errors/index.js';
import { findOption } from './option-table.js';

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', v: '\v' };

function unquote(text: string, file: string, lineNo: number): string {
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') return out;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[++i]!;
      out += ESCAPES[next] ?? next;
      continue;
    }
    out += ch;
  }
  throw new QurlError('bad-option', `${file}:${lineNo}: unterminated quoted parameter`);
}

/** One config line → argv words ([] for blanks and comments). */
export function configLineToArgs(line: string, file = 'config', lineNo = 1): string[] {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return [];
  const m = /^(-{0,2})([^\s=:]+)\s*[=:]?\s*(.*)$/.exec(trimmed);
  if (!m) return [];
  const [, dashes, name, rest] = m as unknown as [string, string, string, string];
  const isShort = dashes === '-';
  const def = findOption(isShort ? name : name.replace(/^--/, ''));
  if (!def) throw new QurlError('bad-option', `${file}:${lineNo}: unknown option "${name}"`);
  const flag = isShort ? `-${name}` : `--${def.long}`;
  if (!('arg' in def) || def.arg === undefined) return [flag];
  let param = rest.trim();
  if (param.startsWith('"')) param = unquote(param, file, lineNo);
  else param = param.split(/\s+/)[0] ?? '';
  return [flag, param];
}

export function readConfigFile(file: string): string[] {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (err) {
    throw new QurlError('read-file', `cannot read config file ${file}: ${(err as Error).message}`, { cause: err });
  }
  return text.split(/\r?\n/).flatMap((line, i) => configLineToArgs(line, file, i + 1));
}

/** Replaces every -K FILE / --config FILE in argv by the file's options (nested files too, up to a depth). */
export function expandConfigArgs(argv: readonly string[], depth = 0): string[] {
  if (depth > 8) throw new QurlError('bad-option', 'config files include each other too deeply');
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    let file: string | undefined;
    if (a === '-K' || a === '--config') file = argv[++i];
    else if (a.startsWith('--config=')) file = a.slice('--config='.length);
    else if (/^-K./.test(a)) file = a.slice(2);
    if (file === undefined) {
      out.push(a);
      continue;
    }
    out.push(...expandConfigArgs(readConfigFile(file), depth + 1));
  }
  return out;
}
