// sendExchange: one request on a pooled connection, sent once more on a fresh connection when the pooled one
// turned out stale (transport's allowlist) and the request is safe to replay.
import type { TransferTimings, TransferTrace } from '../trace/index.js';
import {
  classifyStaleError,
  describeStale,
  isReplayable,
  type ConnectionPool,
  type ConnectionRequest,
  type ProtocolConnection,
  type RequestBody,
  type RequestHead,
  type ResponseStream,
} from '../transport/index.js';
import type { TransferLimits } from './transfer-limits.js';

export interface ExchangeInput {
  readonly pool: ConnectionPool;
  readonly connect: Omit<ConnectionRequest, 'connectLimit' | 'trace' | 'timings'>;
  readonly head: RequestHead;
  readonly openBody: () => RequestBody | null;
  readonly trace: TransferTrace;
  readonly timings: TransferTimings;
  readonly limits: TransferLimits;
  /** Called for each new connection opened, also when the exchange then fails. */
  readonly onNewConnection: () => void;
  /** Counts request body bytes as they go out (curl's size_upload). */
  readonly onBodySent: (bytes: number) => void;
}

export interface Exchange {
  readonly connection: ProtocolConnection;
  readonly response: ResponseStream;
}

export async function sendExchange(input: ExchangeInput): Promise<Exchange> {
  for (let attempt = 0; ; attempt++) {
    const { connection, reused } = await input.pool.acquire({
      ...input.connect,
      trace: input.trace,
      timings: input.timings,
      connectLimit: () => input.limits.connectSignal(),
    });
    if (!reused) input.onNewConnection();
    const body = input.openBody();
    try {
      const response = await connection.openStream(input.head, body, { trace: input.trace, timings: input.timings, signal: input.limits.signal, bodySent: input.onBodySent });
      return { connection, response };
    } catch (err) {
      const stale = classifyStaleError(err, reused);
      if (attempt > 0 || !stale || !isReplayable(input.head.method)) throw err;
      // The failed connection already refuses new streams (a dead HTTP/1.1 one is released, an HTTP/2 one
      // got GOAWAY or was retired), so acquire() below cannot hand it out again.
      input.trace.emit({ type: 'retry', source: 'engine', connId: connection.chain.connId, reason: describeStale(stale, connection.chain.connId) });
    }
  }
}
