// parseArgv: argv words → raw option values, with commander driven by the option table.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { QurlError } from '../errors/index.js';
import { OPTIONS, type OptionDef } from './option-table.js';
import { ALL_OPTIONS, BY_LONG, BY_SHORT, prefixed } from './option-lookup.js';
import { splitArgvGroups } from './split-groups.js';
import type { HttpVersionChoice, TlsVersion } from '../engine/index.js';

/** -o FILE, -O, and --no-remote-name (stdout after all, in spite of --remote-name-all). */
export type OutputDirective = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'remote' } | { readonly kind: 'none' };

export interface ParsedArgv {
  readonly values: Readonly<Record<string, unknown>>;
  readonly urls: readonly string[];
  /** -o, -O and --no-remote-name in the order given; the n-th applies to the n-th URL. */
  readonly outputs: readonly OutputDirective[];
  /** The last of --http1.0, --http1.1, --http2, --http2-prior-knowledge, --http3, --http3-only (curl: the last one wins). */
  readonly httpVersion?: HttpVersionChoice;
  /** The last of --tlsv1, --tlsv1.0 … --tlsv1.3: the lowest TLS version to accept (curl: the last one wins). */
  readonly tlsMinVersion?: TlsVersion;
}

const VERSION_FLAGS: Readonly<Record<string, NonNullable<ParsedArgv['httpVersion']>>> = {
  'http1.0': '1.0',
  'http1.1': '1.1',
  http2: '2',
  'http2-prior-knowledge': '2-prior-knowledge',
  http3: '3',
  'http3-only': '3-only',
};

const TLS_MIN_FLAGS: Readonly<Record<string, TlsVersion>> = {
  tlsv1: 'TLSv1',
  'tlsv1.0': 'TLSv1',
  'tlsv1.1': 'TLSv1.1',
  'tlsv1.2': 'TLSv1.2',
  'tlsv1.3': 'TLSv1.3',
};

function parseNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got "${value}"`);
  return n;
}

function flagsOf(def: OptionDef): string {
  const short = def.short ? `-${def.short}, ` : '';
  const arg = def.arg?.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${short}--${def.long}${def.arg === undefined ? '' : def.arg.startsWith('[') ? ` [${arg}]` : ` <${arg}>`}`;
}

const ALL = ALL_OPTIONS;

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** Why `--name` is not an option: ambiguous (which it could be), or a typo of one (which). */
function unknownLong(name: string): string {
  const bare = name.replace(/^--/, '');
  const candidates = prefixed(bare);
  if (candidates.length > 1) return `option ${name}: is ambiguous (${candidates.map((d) => `--${d.long}`).join(', ')})`;
  const near = ALL.map((d) => ({ d, n: distance(bare, d.long) })).filter(({ d, n }) => n <= Math.max(1, Math.floor(d.long.length / 4))).sort((a, b) => a.n - b.n)[0];
  return `option ${name}: is unknown${near ? `; did you mean --${near.d.long}?` : ''}`;
}

/**
 * argv with every unambiguous abbreviation of a long option written out (`--heade` → `--header`), as curl takes
 * them. Arguments are skipped, so a value that looks like an option stays as given.
 */
export function expandAbbreviations(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (word.startsWith('--') && word.length > 2) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq < 0 ? undefined : eq);
      const exact = BY_LONG.get(name);
      const candidates = exact ? [exact] : prefixed(name);
      const def = candidates.length === 1 ? candidates[0]! : undefined;
      out.push(def && !exact ? `--${def.long}${eq < 0 ? '' : word.slice(eq)}` : word);
      // An optional argument ([CATEGORY]) is the next word only when that is not an option.
      if (def?.arg && eq < 0 && i + 1 < argv.length && !(def.arg.startsWith('[') && argv[i + 1]!.startsWith('-'))) out.push(argv[++i]!);
      continue;
    }
    out.push(word);
    if (word.startsWith('-') && word.length > 1) {
      // In a -abc word, the first letter that takes an argument takes the rest of the word, or the next word.
      for (let k = 1; k < word.length; k++) {
        if (!BY_SHORT.get(word[k]!)?.arg) continue;
        if (k === word.length - 1 && i + 1 < argv.length) out.push(argv[++i]!);
        break;
      }
    }
  }
  return out;
}

/** commander's error as curl words it; the kind comes from its code, the option's name from its message. */
function oneLine(err: CommanderError): string {
  const text = err.message.replace(/^error: /, '');
  const quoted = /'([^']+)'/.exec(text)?.[1] ?? '';
  const name = /--[\w.-]+/.exec(quoted)?.[0] ?? quoted;
  switch (err.code) {
    case 'commander.unknownOption':
      return `${name.startsWith('--') ? unknownLong(name) : `option ${name}: is unknown`} (try 'qurl --help')`;
    case 'commander.optionMissingArgument':
      return `option ${name}: requires parameter (try 'qurl --help')`;
    case 'commander.invalidArgument':
      return `option ${name}: ${text.replace(/^.*is invalid\. /, '')} (try 'qurl --help')`;
    default:
      return `${text} (try 'qurl --help')`;
  }
}

/**
 * The options argv may name: every `--long` (before any `=`) and every letter of a `-abc` word. A superset (an
 * option's value may look like one), so commander parses exactly as with the whole table, which costs ~7 ms
 * of start-up to register (commander checks each new option against all the others).
 */
function namedOptions(argv: readonly string[]): readonly OptionDef[] {
  const longs = new Set<string>();
  const shorts = new Set<string>();
  for (const word of argv) {
    if (word.startsWith('--')) longs.add(word.slice(2).split('=', 1)[0]!);
    else if (word.startsWith('-')) for (const c of word.slice(1)) shorts.add(c);
  }
  return (OPTIONS as readonly OptionDef[]).filter((d) => longs.has(d.long) || (d.short !== undefined && shorts.has(d.short)));
}

export function parseArgv(given: readonly string[]): ParsedArgv {
  const argv = expandAbbreviations(given);
  const outputs: OutputDirective[] = [];
  let httpVersion: ParsedArgv['httpVersion'];
  let tlsMinVersion: TlsVersion | undefined;
  const program = new Command('qurl')
    .helpOption(false)
    .allowExcessArguments(true)
    .argument('[urls...]')
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  for (const def of namedOptions(argv)) {
    // -:/--next divides argv before parsing (splitArgvGroups).
    if (def.long === 'next') continue;
    const flags = flagsOf(def);
    if (def.long === 'output') {
      program.option(flags, def.help, (v: string) => void outputs.push({ kind: 'file', path: v }));
    } else if (def.long === 'remote-name') {
      program.option(flags, def.help, () => void outputs.push({ kind: 'remote' }));
    } else if (def.long === 'no-remote-name') {
      program.option(flags, def.help, () => void outputs.push({ kind: 'none' }));
    } else if (def.long in VERSION_FLAGS) {
      program.option(flags, def.help, () => void (httpVersion = VERSION_FLAGS[def.long]));
    } else if (def.long in TLS_MIN_FLAGS) {
      program.option(flags, def.help, () => void (tlsMinVersion = TLS_MIN_FLAGS[def.long]));
    } else if (def.kind === 'list') {
      // Appended in place: a -K file of a thousand `url =` lines must not copy the list a thousand times.
      program.option(flags, def.help, (v: string, prev: string[] | undefined) => (prev ? (prev.push(v), prev) : [v]));
    } else if (def.kind === 'count') {
      program.option(flags, def.help, (_v: unknown, prev: number | undefined) => (prev ?? 0) + 1);
    } else if (def.kind === 'number') {
      program.option(flags, def.help, parseNumber);
    } else {
      program.option(flags, def.help);
    }
  }
  try {
    program.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) throw new QurlError('bad-option', oneLine(err), { cause: err });
    throw err;
  }
  return { values: program.opts(), urls: program.args, outputs, httpVersion, tlsMinVersion };
}

/** commander's key for an option's value: `trace-ascii` → `traceAscii`. */
function valueKey(def: OptionDef): string {
  return def.long.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Parses each -:/--next group; a global option given in any group applies to all (the last one given wins). */
export function parseArgvGroups(argv: readonly string[]): ParsedArgv[] {
  const groups = splitArgvGroups(argv).map(parseArgv);
  const globals: Record<string, unknown> = {};
  for (const g of groups) {
    for (const def of OPTIONS as readonly OptionDef[]) {
      const key = valueKey(def);
      if (def.global && g.values[key] !== undefined) globals[key] = g.values[key];
    }
  }
  return groups.map((g) => ({ ...g, values: { ...g.values, ...globals } }));
}
