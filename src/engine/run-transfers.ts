// runTransfers: every URL of a run — of every -:/--next group — on one connection pool, in order or with -Z in
// parallel. Sequential runs exit with the last transfer's code, as curl does; parallel ones with the last failure's;
// with --fail-early, the first failure ends the run.
import type { Writable } from 'node:stream';
import { silentSink, type TraceSink } from '../trace/index.js';
import { createConnectionPool, warmTransport } from '../transport/index.js';
import { warmPlanFor } from './connect-request.js';
import type { RequestSpec, UrlJob } from './request-spec.js';
import { openAltSvcCache } from './alt-svc-cache.js';
import { openHstsCache } from './hsts-cache.js';
import { createDohResolver } from './doh-resolver.js';
import { discardStream } from './body-output.js';
import { runTransfer, type BodyPresenter, type TransferEnv } from './run-transfer.js';
import { runWithRetries } from './retry/index.js';
import { rehearse, reportsTimings } from './rehearsal/rehearsal.js';
import type { CookieEngine } from '../cookies/index.js';
import type { TransferResult } from './transfer-result.js';
import type { LiveTransfer } from './live-transfer.js';

export interface RunEnv {
  readonly sink: TraceSink;
  readonly stdout: Writable;
  /** The terminal view of what goes to stdout (see BodyPresenter). */
  readonly present?: BodyPresenter;
  /** Called after each transfer, before the next starts (-w, --timing, error lines), with the spec of its group. */
  onTransferDone(result: TransferResult, spec: RequestSpec): Promise<void> | void;
  /** The stdout of transfer `id` (-Z gives each its own, so bodies never interleave); absent: `stdout`. */
  stdoutFor?(transferId: number): Writable;
  /** A transfer (or a retry of one) has started: for progress meters. */
  onLive?(live: LiveTransfer, spec: RequestSpec): void;
  /** An attempt --retry will make again: its error, as curl reports each one. */
  onAttemptFailed?(result: TransferResult, spec: RequestSpec): void;
  /** Something went wrong that does not fail the run (curl's warnings): shown unless -s. */
  onWarning?(message: string, spec: RequestSpec): void;
}

/**
 * Runs every URL of every group, one at a time or with -Z up to --parallel-max at once, sharing one pool (h2
 * multiplexes, and a later group reuses an earlier group's connection). -Z and --parallel-max are global.
 */
export async function runTransfers(specs: readonly RequestSpec[], env: RunEnv): Promise<number> {
  const pool = createConnectionPool();
  // One cache per file and one resolver per DoH server, shared by every group that names them.
  const altSvc = keyed((file: string) => openAltSvcCache(file));
  const hsts = keyed((file: string) => openHstsCache(file));
  const resolvers = keyed((key: string) => {
    const spec = specs.find((s) => dohKey(s) === key)!;
    return createDohResolver(spec, spec.dohUrl!, (url, dohSpec, respond, signal) => runTransfer({ url }, dohSpec, { pool, sink: silentSink, stdout: discardStream(), respond, signal }, -1));
  });
  const cookies = await openCookieEngine(specs);
  // Before any transfer's clock: the modules and TLS state its connections need.
  await warmTransport(warmPlanFor(specs));
  const timed = specs.find(reportsTimings);
  if (timed) await rehearse(timed);
  const jobs = numberedJobs(specs);
  // What every transfer of a group shares, built once per group (-Z runs a thousand transfers of one).
  const groupEnv = keyed((spec: RequestSpec): TransferEnv => ({
    pool, sink: env.sink, stdout: env.stdout, present: env.present,
    altSvc: spec.altSvc === undefined ? undefined : altSvc.get(spec.altSvc),
    hsts: spec.hsts === undefined ? undefined : hsts.get(spec.hsts),
    resolver: spec.dohUrl === undefined ? undefined : resolvers.get(dohKey(spec)),
    cookies: spec.cookies.engine ? cookies : undefined,
    onLive: env.onLive && ((live: LiveTransfer) => env.onLive!(live, spec)),
  }));
  const parallel = specs[0]?.parallel === true;
  let exitCode = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      const { job, spec } = jobs[i]!;
      const shared = groupEnv.get(spec);
      const transferEnv = env.stdoutFor ? { ...shared, stdout: env.stdoutFor(i) } : shared;
      const result = await runWithRetries(() => runTransfer(job, spec, transferEnv, i), spec, {
        onAttemptFailed: (r) => env.onAttemptFailed?.(r, spec),
        warn: (message) => env.onWarning?.(message, spec),
      });
      if (result.error) exitCode = result.error.exitCode;
      else if (!parallel) exitCode = 0;
      await env.onTransferDone(result, spec);
      // curl writes the jar as each transfer ends (after its -w), so a later failure keeps what was set.
      saveCookieJar(cookies, spec, env.stdout, (message) => env.onWarning?.(message, spec));
      if (endsRun(result, spec)) next = jobs.length;
    }
  };
  const workers = parallel ? Math.min(specs[0]!.parallelMax, jobs.length) : 1;
  // Every transfer writing to stdout watches it for errors while its body streams.
  if (workers > 1) env.stdout.setMaxListeners(env.stdout.getMaxListeners() + 2 * workers);
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    pool.closeAll();
  }
  for (const cache of altSvc.values()) cache.save();
  for (const cache of hsts.values()) cache.save();
  return exitCode;
}

/** --fail-early: a failed transfer starts no more transfers (with -Z, those already running end on their own). */
function endsRun(result: TransferResult, spec: RequestSpec): boolean {
  return result.error !== undefined && spec.failEarly === true;
}

/** Writes -c's jar, if asked; as in curl, an unwritable jar is a warning, not a failed transfer. */
export function saveCookieJar(cookies: CookieEngine | undefined, spec: RequestSpec, stdout: Writable, warn: (message: string) => void): void {
  if (!cookies || spec.cookies.jar === undefined) return;
  try {
    cookies.save(spec.cookies.jar, stdout);
  } catch (err) {
    warn((err as Error).message);
  }
}

/** One cookie engine for the whole run (every group's -b files read into it), loaded only when asked for. */
export async function openCookieEngine(specs: readonly RequestSpec[]): Promise<CookieEngine | undefined> {
  const using = specs.filter((s) => s.cookies.engine);
  if (using.length === 0) return undefined;
  const { createCookieEngine } = await import('../cookies/index.js');
  return createCookieEngine({ files: using.flatMap((s) => s.cookies.files), junkSession: using.some((s) => s.cookies.junkSession) });
}

/** Every group's URLs in order, %{urlnum} counted across the groups as curl counts its URL arguments. */
function numberedJobs(specs: readonly RequestSpec[]): { job: UrlJob; spec: RequestSpec }[] {
  let offset = 0;
  return specs.flatMap((spec) => {
    const base = offset;
    offset += spec.urls.reduce((n, job) => Math.max(n, (job.urlNum ?? 0) + 1), 0);
    return spec.urls.map((job) => ({ job: base === 0 ? job : { ...job, urlNum: (job.urlNum ?? 0) + base }, spec }));
  });
}

/** A value per key, made on first use. */
function keyed<K, V>(make: (key: K) => V): { get(key: K): V; values(): IterableIterator<V> } {
  const made = new Map<K, V>();
  return {
    get(key) {
      if (!made.has(key)) made.set(key, make(key));
      return made.get(key)!;
    },
    values: () => made.values(),
  };
}

/** Groups that ask the same DoH server the same way share its resolver (and its connection). */
const dohKey = (spec: RequestSpec): string => `${spec.dohUrl} ${spec.dohInsecure} ${spec.ipVersion}`;
