// `qurl grpc` argv → option values and positionals, as Go's flag package reads grpcurl's: `-name` or `--name`,
// `-name=value` or `-name value`, booleans as `-name` or `-name=false`; options may also follow positionals.
import { QurlError } from '../errors/index.js';
import { findGrpcOption } from './grpc-option-table.js';

export interface ParsedGrpcArgv {
  /** By option name: true/false for flags, a string or number, or a list of strings. */
  readonly values: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  readonly positionals: readonly string[];
}

const usage = (message: string): QurlError => new QurlError('bad-option', `${message} (try 'qurl grpc -help')`);

function boolValue(name: string, text: string): boolean {
  if (/^(1|t|true)$/i.test(text)) return true;
  if (/^(0|f|false)$/i.test(text)) return false;
  throw usage(`invalid boolean value "${text}" for -${name}`);
}

export function parseGrpcArgv(argv: readonly string[]): ParsedGrpcArgv {
  const values: Record<string, string | number | boolean | string[]> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      positionals.push(word);
      continue;
    }
    const body = word.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const def = findGrpcOption(name);
    if (!def) throw usage(`flag provided but not defined: -${name}`);
    let value: string | undefined = eq < 0 ? undefined : body.slice(eq + 1);
    if (def.kind === 'flag') {
      values[def.name] = value === undefined ? true : boolValue(def.name, value);
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw usage(`flag needs an argument: -${name}`);
    }
    if (def.kind === 'number') {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw usage(`invalid value "${value}" for -${name}: a number of at least 0`);
      values[def.name] = n;
    } else if (def.kind === 'list') {
      ((values[def.name] ??= []) as string[]).push(value);
    } else {
      values[def.name] = value;
    }
  }
  return { values, positionals };
}
