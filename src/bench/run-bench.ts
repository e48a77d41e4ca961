// runBench: one request, sent again and again by -c clients with -m in flight each, through qurl's own engine
// (the same connections, protocols and proxies as any transfer), every response's latency, status and size
// recorded; bodies are read and dropped.
import { discardStream, rehearse, runTransfer, warmPlanFor, type RequestSpec, type TransferResult } from '../engine/index.js';
import { createConnectionPool, warmTransport } from '../transport/index.js';
import { silentSink } from '../trace/index.js';
import type { BenchLoad } from './bench-options.js';

export interface BenchRun {
  readonly url: string;
  readonly load: BenchLoad;
  /** Wall time from the first request's start to the last response's end, in ms. */
  readonly elapsedMs: number;
  /** Per completed request (a response, whatever its status), in ms. */
  readonly latenciesMs: readonly number[];
  /** Connect times (TCP, plus TLS or QUIC) of the connections opened, in ms. */
  readonly connectMs: readonly number[];
  readonly statuses: ReadonlyMap<number, number>;
  /** Failed requests by their error line ("(7) Failed to connect …"). */
  readonly errors: ReadonlyMap<string, number>;
  readonly bodyBytes: number;
  readonly httpVersions: ReadonlySet<string>;
  /** The exit code of the last failure, or 0. */
  readonly exitCode: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runBench(spec: RequestSpec, load: BenchLoad): Promise<BenchRun> {
  const url = spec.urls[0]!.url;
  await warmTransport(warmPlanFor([spec]));
  // Otherwise the first responses would carry qurl's first run of its own code (several ms on loopback).
  await rehearse(spec);
  const latenciesMs: number[] = [];
  const connectMs: number[] = [];
  const statuses = new Map<number, number>();
  const errors = new Map<string, number>();
  const httpVersions = new Set<string>();
  let bodyBytes = 0;
  let exitCode = 0;
  let issued = 0;
  const started = performance.now();
  const stopAt = load.durationMs === undefined ? Infinity : started + load.durationMs;
  const more = (): boolean => (load.durationMs === undefined ? issued < load.requests : performance.now() < stopAt);

  const record = (r: TransferResult): void => {
    if (r.numConnects > 0) connectMs.push(Math.max(r.times.appconnect, r.times.connect) * 1000);
    bodyBytes += r.sizeDownload;
    // A response that failed after its head (-f on a 4xx, a body cut short) is counted by status and as an error.
    if (r.status !== 0) {
      latenciesMs.push(r.times.total * 1000);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      httpVersions.add(r.httpVersion);
    }
    if (r.error) {
      const line = `(${r.error.exitCode}) ${r.error.message}`;
      errors.set(line, (errors.get(line) ?? 0) + 1);
      exitCode = r.error.exitCode;
    }
  };

  const worker = async (pool: ReturnType<typeof createConnectionPool>): Promise<void> => {
    while (more()) {
      const k = issued++;
      if (load.rate !== undefined) {
        const due = started + (k * 1000) / load.rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        if (performance.now() >= stopAt) return;
      }
      record(await runTransfer({ url, output: '-' }, spec, { pool, sink: silentSink, stdout: discardStream() }, k));
    }
  };

  const pools = Array.from({ length: load.clients }, () => createConnectionPool());
  try {
    await Promise.all(pools.flatMap((pool) => Array.from({ length: load.streams }, () => worker(pool))));
  } finally {
    for (const pool of pools) pool.closeAll();
  }
  return { url, load, elapsedMs: performance.now() - started, latenciesMs, connectMs, statuses, errors, bodyBytes, httpVersions, exitCode };
}
