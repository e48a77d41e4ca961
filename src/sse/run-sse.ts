// `qurl sse`: tails an event stream, reconnecting after the retry delay with Last-Event-ID, until a stop
// condition (--count, --for, 204, Ctrl-C) or a failure that reconnecting cannot fix.
import type { Writable } from 'node:stream';
import { createSseParser, type SseItem } from '../codec/index.js';
import { runTransfer, type HeaderArg, type RequestSpec, type TransferResult } from '../engine/index.js';
import { QurlError, type ErrorKind } from '../errors/index.js';
import { formatData, formatJson, formatPretty, type ReceivedEvent } from '../render/index.js';
import { createTransferTrace, type TraceSink } from '../trace/index.js';
import { createConnectionPool } from '../transport/index.js';
import { reconnectDelay } from './reconnect-delay.js';
import { checkSseResponse, createSseSink } from './sse-sink.js';
import type { SseSpec } from './sse-spec.js';

export interface SseEnv {
  readonly sink: TraceSink;
  readonly stdout: Writable;
  readonly color: boolean;
  /** Aborts when the user presses Ctrl-C. */
  readonly interrupt: AbortSignal;
  onTransferDone(result: TransferResult): Promise<void> | void;
}

const DEFAULT_RETRY_MS = 3000;

/** A deliberate end of the run (count, duration, 204, Ctrl-C): exit 0. */
class StopRun extends QurlError {
  constructor(why: string) {
    super('aborted', why);
  }
}

function sseHeaders(spec: RequestSpec, lastEventId: string): HeaderArg[] {
  const own: HeaderArg[] = [
    { name: 'Accept', value: 'text/event-stream', mode: 'set' },
    { name: 'Cache-Control', value: 'no-cache', mode: 'set' },
  ];
  if (lastEventId) own.push({ name: 'Last-Event-ID', value: lastEventId, mode: 'set' });
  const mine = new Set(own.map((h) => h.name.toLowerCase()));
  return [...own, ...spec.headers.filter((h) => !mine.has(h.name.toLowerCase()))];
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}

/** Failures that waiting cannot fix: the answer or the setup is wrong, so no reconnect. */
const GIVE_UP: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'http-fail', 'weird-reply', 'bad-url', 'bad-option', 'unsupported-protocol', 'cert', 'ca-file', 'client-cert', 'not-built-in',
]);

export async function runSse(spec: RequestSpec, sse: SseSpec, env: SseEnv): Promise<number> {
  const pool = createConnectionPool();
  const trace = createTransferTrace(env.sink, 0);
  const stop = new AbortController();
  const stopWith = (why: string): void => stop.abort(new StopRun(why));
  env.interrupt.addEventListener('abort', () => stopWith('interrupted'), { once: true });
  const forTimer = sse.forMs === undefined ? undefined : setTimeout(() => stopWith(`--for elapsed`), sse.forMs);
  let lastEventId = sse.lastEventId ?? '';
  let retryMs = DEFAULT_RETRY_MS;
  let delivered = 0;
  let failures = 0;
  let exitCode = 0;
  const write = (text: string | Uint8Array): void => void env.stdout.write(text);
  try {
    for (let attempt = 0; !stop.signal.aborted; attempt++) {
      const connection = new AbortController();
      const signal = AbortSignal.any([stop.signal, connection.signal]);
      let idle: NodeJS.Timeout | undefined;
      const touch = (): void => {
        if (sse.idleTimeoutMs === undefined) return;
        clearTimeout(idle);
        idle = setTimeout(() => connection.abort(new QurlError('timeout', `nothing arrived for ${sse.idleTimeoutMs} ms (--idle-timeout)`)), sse.idleTimeoutMs);
      };
      let gotEvent = false;
      let stopped: 'stop' | null = null;
      const parser = createSseParser(lastEventId);
      const onItem = (item: SseItem): void => {
        touch();
        if (item.kind === 'retry') {
          retryMs = item.ms;
          return;
        }
        if (item.kind !== 'event' || stop.signal.aborted) return;
        lastEventId = item.id;
        gotEvent = true;
        if (sse.events.length > 0 && !sse.events.includes(item.event)) return;
        const received: ReceivedEvent = { event: item, retry: retryMs === DEFAULT_RETRY_MS ? undefined : retryMs, receivedAt: new Date() };
        if (sse.format === 'json') write(formatJson(received));
        else if (sse.format === 'data') write(formatData(received));
        else if (sse.format === 'pretty') write(formatPretty(received, env.color));
        delivered++;
        if (sse.count !== undefined && delivered >= sse.count) stopWith(`${sse.count} events received`);
      };
      touch();
      const result = await runTransfer({ url: spec.urls[0]!.url }, { ...spec, headers: sseHeaders(spec, lastEventId) }, {
        pool, sink: env.sink, stdout: env.stdout, signal,
        respond: (head) => {
          if (checkSseResponse(head) === 'stop') {
            stopped = 'stop';
            stopWith('the server answered 204 No Content');
          }
          touch();
          return createSseSink(parser, { onItem, onBytes: (b) => sse.format === 'raw' && write(b) });
        },
      }, attempt);
      clearTimeout(idle);
      if (stop.signal.aborted || stopped) break;
      const error = result.error;
      if (error && GIVE_UP.has(error.kind)) {
        await env.onTransferDone(result);
        exitCode = error.exitCode;
        break;
      }
      failures = gotEvent ? 1 : failures + 1;
      if (sse.maxReconnects !== undefined && attempt >= sse.maxReconnects) {
        if (error) {
          await env.onTransferDone(result);
          exitCode = error.exitCode;
        }
        break;
      }
      const delay = reconnectDelay(sse.retryDelayMs ?? retryMs, failures, sse.maxBackoffMs);
      trace.emit({
        type: 'info', source: 'sse',
        message: `${error ? `Stream failed (${error.message})` : 'Stream ended'}; reconnecting in ${delay} ms${lastEventId ? ` with Last-Event-ID: ${lastEventId}` : ''}`,
      });
      await sleep(delay, stop.signal);
    }
  } finally {
    clearTimeout(forTimer);
    pool.closeAll();
  }
  return exitCode;
}
