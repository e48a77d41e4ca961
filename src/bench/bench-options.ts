// qurl bench's own options (h2load's and oha's names), taken off the command line before the rest is read as a
// request with curl's options. They shadow curl's -n, -c and -m, which a load run has no use for.
import { QurlError } from '../errors/index.js';

export interface BenchLoad {
  /** Requests in all (-n); ignored with a duration. */
  readonly requests: number;
  /** Clients (-c), each with its own connections. */
  readonly clients: number;
  /** Requests in flight per client (-m): streams of one connection on h2 and h3, connections of their own on h1. */
  readonly streams: number;
  /** -D: issue requests for this long instead of -n of them. */
  readonly durationMs?: number;
  /** --rate: requests started per second, over the whole run. */
  readonly rate?: number;
  readonly json: boolean;
}

export interface BenchArgs {
  readonly load: BenchLoad;
  /** The request, in curl's options. */
  readonly rest: readonly string[];
}

const HELP = "(try 'qurl bench --help')";

function count(value: string | undefined, flag: string, min: number): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || n < min) throw new QurlError('bad-option', `option ${flag}: expected a whole number of at least ${min}, got ${value === undefined ? 'nothing' : `"${value}"`} ${HELP}`);
  return n;
}

/** Seconds, or with a unit: 500ms, 10s, 2m, 1h. */
function parseDuration(value: string | undefined, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value ?? '');
  const ms = m ? Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'] : NaN;
  if (!(ms > 0)) throw new QurlError('bad-option', `option ${flag}: expected a duration such as 10s, 500ms or 2m, got ${value === undefined ? 'nothing' : `"${value}"`} ${HELP}`);
  return ms;
}

const REFUSED = new Set(['-o', '--output', '-O', '--remote-name', '-w', '--write-out', '-v', '--verbose', '--trace', '--trace-ascii', '--trace-frames', '--timing', '-Z', '--parallel', '-:', '--next']);

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let requests = 200;
  let clients = 1;
  let streams = 1;
  let durationMs: number | undefined;
  let rate: number | undefined;
  let json = false;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const [flag, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '-n' || flag === '--requests') requests = count(value(), flag, 1);
    else if (flag === '-c' || flag === '--clients') clients = count(value(), flag, 1);
    else if (flag === '-m' || flag === '--max-concurrent-streams') streams = count(value(), flag, 1);
    else if (flag === '-D' || flag === '--duration') durationMs = parseDuration(value(), flag);
    else if (flag === '--rate') {
      const v = value();
      rate = Number(v);
      if (!(rate > 0)) throw new QurlError('bad-option', `option --rate: expected requests per second above 0, got "${v ?? ''}" ${HELP}`);
    } else if (flag === '--json') json = true;
    else if (REFUSED.has(flag)) throw new QurlError('bad-option', `option ${flag}: qurl bench writes no bodies, traces or per-request output; it reports the run as a whole (--json for scripts) ${HELP}`);
    else rest.push(word);
  }
  return { load: { requests, clients, streams, durationMs, rate, json }, rest };
}
