// runTransfers: every URL of a run on one connection pool, in order or with -Z in parallel; the exit code is the last failure's.
import type { Writable } from 'node:stream';
import type { TraceSink } from '../trace/index.js';
import { createConnectionPool } from '../transport/index.js';
import type { RequestSpec } from './request-spec.js';
import { openAltSvcCache } from './alt-svc-cache.js';
import { runTransfer } from './run-transfer.js';
import type { TransferResult } from './transfer-result.js';

export interface RunEnv {
  readonly sink: TraceSink;
  readonly stdout: Writable;
  /** Called after each transfer, before the next starts (-w, --timing, error lines). */
  onTransferDone(result: TransferResult): Promise<void> | void;
}

/** Runs every URL, one at a time or with -Z up to --parallel-max at once, sharing one pool (h2 multiplexes). */
export async function runTransfers(spec: RequestSpec, env: RunEnv): Promise<number> {
  const pool = createConnectionPool();
  const altSvc = spec.altSvc === undefined ? undefined : openAltSvcCache(spec.altSvc);
  let exitCode = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < spec.urls.length) {
      const i = next++;
      const result = await runTransfer(spec.urls[i]!, spec, { pool, sink: env.sink, stdout: env.stdout, altSvc }, i);
      if (result.error) exitCode = result.error.exitCode;
      await env.onTransferDone(result);
    }
  };
  const workers = spec.parallel ? Math.min(spec.parallelMax, spec.urls.length) : 1;
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    pool.closeAll();
  }
  altSvc?.save();
  return exitCode;
}
