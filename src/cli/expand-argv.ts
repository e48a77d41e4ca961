// The argv preprocessing curl does as it reads its arguments, in order: -K files spliced in where they stand,
// --variable set, --expand-OPTION ARG expanded, long options written out in full. main.ts runs it before
// parseArgv, so every option (and every config-file line) gets --expand- and abbreviations alike.
import { QurlError } from '../errors/index.js';
import { readConfigFile } from './config-file.js';
import { BY_SHORT, hasOptionalArg, lookupLong } from './option-lookup.js';
import { expandVariables, setVariable, type Variables } from './variables.js';

export interface ExpandedArgv {
  readonly argv: readonly string[];
  /** curl's warnings (config lines skipped, bad --variable syntax …), to show unless -s. */
  readonly warnings: readonly string[];
}

const MAX_CONFIG_DEPTH = 8;

interface Walk {
  readonly vars: Variables;
  readonly env: NodeJS.ProcessEnv;
  readonly warnings: string[];
  readonly out: string[];
}

function spliceConfig(file: string, walk: Walk, depth: number): void {
  if (depth >= MAX_CONFIG_DEPTH) throw new QurlError('bad-option', 'config files include each other too deeply');
  walkWords(readConfigFile(file, (w) => walk.warnings.push(w)), walk, depth + 1);
}

/** One long-option word (and its argument, if it takes one); returns how many words it used. */
function longOption(words: readonly string[], i: number, walk: Walk, depth: number): number {
  const word = words[i]!;
  const eq = word.indexOf('=');
  const found = lookupLong(word.slice(2, eq < 0 ? undefined : eq));
  if (found.kind !== 'found') {
    // parseArgv names the problem ("is ambiguous", "did you mean").
    walk.out.push(word);
    return 1;
  }
  const { def, expand } = found;
  const flag = `--${def.long}`;
  let value = eq < 0 ? undefined : word.slice(eq + 1);
  let used = 1;
  const next = words[i + 1];
  if (def.arg !== undefined && value === undefined && next !== undefined && !(hasOptionalArg(def) && next.startsWith('-'))) {
    value = next;
    used = 2;
  }
  if (def.arg === undefined || value === undefined) {
    walk.out.push(eq < 0 ? flag : `${flag}${word.slice(eq)}`);
    return used;
  }
  if (expand) value = expandVariables(value, walk.vars, (w) => walk.warnings.push(w));
  if (def.long === 'config') spliceConfig(value, walk, depth);
  else if (def.long === 'variable') setVariable(value, walk.vars, walk.env, (w) => walk.warnings.push(w));
  else walk.out.push(flag, value);
  return used;
}

/** A -abc word: the first letter that takes an argument takes the rest of the word, or the next word; -K reads a file. */
function shortOptions(words: readonly string[], i: number, walk: Walk, depth: number): number {
  const word = words[i]!;
  for (let k = 1; k < word.length; k++) {
    if (BY_SHORT.get(word[k]!)?.arg === undefined) continue;
    const inWord = k < word.length - 1;
    const value = inWord ? word.slice(k + 1) : words[i + 1];
    if (word[k] === 'K' && value !== undefined) {
      if (k > 1) walk.out.push(word.slice(0, k));
      spliceConfig(value, walk, depth);
    } else walk.out.push(word, ...(inWord || value === undefined ? [] : [value]));
    return inWord || value === undefined ? 1 : 2;
  }
  walk.out.push(word);
  return 1;
}

function walkWords(words: readonly string[], walk: Walk, depth: number): void {
  for (let i = 0; i < words.length; ) {
    const word = words[i]!;
    if (word === '--') {
      walk.out.push(...words.slice(i));
      return;
    }
    if (word.startsWith('--') && word.length > 2) i += longOption(words, i, walk, depth);
    else if (word.startsWith('-') && word.length > 1) i += shortOptions(words, i, walk, depth);
    else {
      walk.out.push(word);
      i++;
    }
  }
}

export function expandArgv(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ExpandedArgv {
  const walk: Walk = { vars: new Map(), env, warnings: [], out: [] };
  walkWords(argv, walk, 0);
  return { argv: walk.out, warnings: walk.warnings };
}
