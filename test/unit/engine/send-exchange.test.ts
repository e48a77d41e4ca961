// The retry loop of sendExchange, table-driven: a request goes once more, on a fresh connection, only when the
// pooled connection turned out stale before it could be processed and the method is safe to replay — once.
import { describe, expect, it } from 'vitest';
import { sendExchange } from '../../../src/engine/send-exchange.js';
import { createTransferLimits } from '../../../src/engine/transfer-limits.js';
import { QurlError, type ErrorKind } from '../../../src/errors/index.js';
import { createTraceSink, createTransferTimings, createTransferTrace, type TraceEvent } from '../../../src/trace/index.js';
import type { ConnectionPool, ProtocolConnection, ResponseStream } from '../../../src/transport/index.js';

type Outcome = ErrorKind | 'ok';

/** A pool whose n-th acquire hands out a connection (reused or fresh) whose openStream ends with outcomes[n]. */
function scriptedPool(script: readonly { readonly reused: boolean; readonly outcome: Outcome }[]): { pool: ConnectionPool; acquired: () => number } {
  let n = 0;
  const pool: ConnectionPool = {
    async acquire() {
      const step = script[n++];
      if (!step) throw new Error('acquired more connections than the script has');
      const connection = {
        version: '2', chain: { connId: n - 1 },
        canTakeStream: () => true, reserveStream: () => true, isClosed: () => false, close() {},
        openStream: async () => {
          if (step.outcome === 'ok') return { head: { status: 200 } } as unknown as ResponseStream;
          throw new QurlError(step.outcome, `${step.outcome} on connection #${n - 1}`);
        },
      } as unknown as ProtocolConnection;
      return { connection, reused: step.reused };
    },
    closeAll() {},
  };
  return { pool, acquired: () => n };
}

async function exchange(method: string, script: Parameters<typeof scriptedPool>[0]): Promise<{ result: string; acquired: number; retries: number }> {
  const events: TraceEvent[] = [];
  const sink = createTraceSink([{ types: new Set(['retry'] as const), onEvent: (e: TraceEvent) => void events.push(e) }]);
  const { pool, acquired } = scriptedPool(script);
  const limits = createTransferLimits(undefined, undefined, () => 0);
  try {
    await sendExchange({
      pool, connect: {} as never, head: { method, target: '/', authority: 'x', headers: [] }, openBody: () => null,
      trace: createTransferTrace(sink, 0), timings: createTransferTimings(), limits, onNewConnection() {}, onBodySent() {},
    });
    return { result: 'ok', acquired: acquired(), retries: events.filter((e) => e.type === 'retry').length };
  } catch (err) {
    return { result: (err as QurlError).kind, acquired: acquired(), retries: events.filter((e) => e.type === 'retry').length };
  } finally {
    limits.dispose();
  }
}

describe('sendExchange: the retry loop', () => {
  it.each<[string, string, Parameters<typeof scriptedPool>[0], string, number]>([
    ['a stale reused connection: once more on a fresh one', 'GET', [{ reused: true, outcome: 'empty-reply' }, { reused: false, outcome: 'ok' }], 'ok', 2],
    ['a reset before any reply byte counts as stale too', 'GET', [{ reused: true, outcome: 'reset-before-reply' }, { reused: false, outcome: 'ok' }], 'ok', 2],
    ['refused by GOAWAY: once more, even on a fresh connection', 'GET', [{ reused: false, outcome: 'h2-refused' }, { reused: false, outcome: 'ok' }], 'ok', 2],
    ['stale twice: only one retry', 'GET', [{ reused: true, outcome: 'h3-closed' }, { reused: true, outcome: 'h3-closed' }], 'h3-closed', 2],
    ['a POST is never replayed', 'POST', [{ reused: true, outcome: 'empty-reply' }], 'empty-reply', 1],
    ['a POST refused by GOAWAY is not replayed either', 'POST', [{ reused: false, outcome: 'h2-refused' }], 'h2-refused', 1],
    ['an empty reply on a fresh connection is the server\'s answer, not staleness', 'GET', [{ reused: false, outcome: 'empty-reply' }], 'empty-reply', 1],
    ['a failure after the head (partial body) is a transport error', 'GET', [{ reused: true, outcome: 'partial-file' }], 'partial-file', 1],
    ['a failing request body is the exchange\'s own failure', 'PUT', [{ reused: true, outcome: 'read-file' }], 'read-file', 1],
  ])('%s', async (_name, method, script, result, acquired) => {
    const r = await exchange(method, script);
    expect(r).toEqual({ result, acquired, retries: acquired - 1 });
  });
});
