// runTransfers: every URL of a run in order on one connection pool; the exit code is the last failure's.
import type { Writable } from 'node:stream';
import type { TraceSink } from '../trace/index.js';
import { createConnectionPool } from '../transport/index.js';
import type { RequestSpec } from './request-spec.js';
import { runTransfer } from './run-transfer.js';
import type { TransferResult } from './transfer-result.js';

export interface RunEnv {
  readonly sink: TraceSink;
  readonly stdout: Writable;
  /** Called after each transfer, before the next starts (-w, --timing, error lines). */
  onTransferDone(result: TransferResult): Promise<void> | void;
}

export async function runTransfers(spec: RequestSpec, env: RunEnv): Promise<number> {
  const pool = createConnectionPool();
  let exitCode = 0;
  try {
    for (const [i, job] of spec.urls.entries()) {
      const result = await runTransfer(job, spec, { pool, sink: env.sink, stdout: env.stdout }, i);
      if (result.error) exitCode = result.error.exitCode;
      await env.onTransferDone(result);
    }
  } finally {
    pool.closeAll();
  }
  return exitCode;
}
