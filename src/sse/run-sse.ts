// `qurl sse`: tails an event stream, reconnecting after the retry delay with Last-Event-ID, until a stop
// condition (--count, --for, 204, Ctrl-C) or a failure that reconnecting cannot fix.
import type { Writable } from 'node:stream';
import { createSseParser, type SseEvent, type SseItem } from '../codec/index.js';
import { openCookieEngine, runTransfer, saveCookieJar, type HeaderArg, type RequestSpec, type TransferResult } from '../engine/index.js';
import type { CookieEngine } from '../cookies/index.js';
import { QurlError, type ErrorKind } from '../errors/index.js';
import { formatData, formatJson, formatPretty, type ReceivedEvent } from '../render/index.js';
import { createTransferTrace, type TraceSink } from '../trace/index.js';
import { createConnectionPool, type ConnectionPool } from '../transport/index.js';
import { abortableSleep, linkedAbort } from './abortable-sleep.js';
import { startIdleTimer } from './idle-timer.js';
import { clampServerRetry, reconnectDelay } from './reconnect-delay.js';
import { checkSseResponse, createSseSink } from './sse-sink.js';
import type { SseSpec } from './sse-spec.js';

export interface SseEnv {
  readonly sink: TraceSink;
  readonly stdout: Writable;
  readonly color: boolean;
  /** Aborts when the user presses Ctrl-C. */
  readonly interrupt: AbortSignal;
  /** The run's last connection failed: -w and the error line. */
  onTransferDone(result: TransferResult): Promise<void> | void;
  /** Every connection of the run, when it ended (--har, --out-json record each). */
  onConnectionDone?(result: TransferResult): void;
  /** Something went wrong that does not fail the run (an unwritable -c jar): shown unless -s. */
  onWarning?(message: string): void;
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

/** Failures that waiting cannot fix: the answer or the setup is wrong, so no reconnect. */
const GIVE_UP: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'http-fail', 'weird-reply', 'bad-url', 'bad-option', 'unsupported-protocol', 'cert', 'ca-file', 'client-cert', 'not-built-in',
  // An event over --max-event-size: a server that sends one would send it again on every reconnect.
  'too-large',
]);

/** What one run keeps across its connections. */
interface RunState {
  readonly pool: ConnectionPool;
  readonly stop: AbortController;
  /** -b FILE, -b "", -c: cookies the server sets go with every reconnect, and into the jar at the end. */
  readonly cookies?: CookieEngine;
  lastEventId: string;
  /** The server's last retry: as it sent it; undefined until it sends one. */
  serverRetryMs?: number;
  delivered: number;
}

interface ConnectionOutcome {
  readonly result: TransferResult;
  readonly gotEvent: boolean;
}

/** --retry-delay, else the server's retry: held to its range, else 3000 ms; with a note for -v when it was held. */
function baseDelay(sse: SseSpec, serverRetryMs: number | undefined): { readonly ms: number; readonly note: string } {
  if (sse.retryDelayMs !== undefined) return { ms: sse.retryDelayMs, note: '' };
  if (serverRetryMs === undefined) return { ms: DEFAULT_RETRY_MS, note: '' };
  const ms = clampServerRetry(serverRetryMs);
  return { ms, note: ms === serverRetryMs ? '' : ` (the server's retry: ${serverRetryMs} held to ${ms} ms)` };
}

export async function runSse(spec: RequestSpec, sse: SseSpec, env: SseEnv): Promise<number> {
  const trace = createTransferTrace(env.sink, 0);
  const cookies = await openCookieEngine([spec]);
  const run: RunState = { pool: createConnectionPool(), stop: new AbortController(), cookies, lastEventId: sse.lastEventId ?? '', delivered: 0 };
  const stopWith = (why: string): void => run.stop.abort(new StopRun(why));
  const onInterrupt = (): void => stopWith('interrupted');
  env.interrupt.addEventListener('abort', onInterrupt, { once: true });
  const forTimer = sse.forMs === undefined ? undefined : setTimeout(() => stopWith('--for elapsed'), sse.forMs);
  let failures = 0;
  let exitCode = 0;
  try {
    for (let attempt = 0; !run.stop.signal.aborted; attempt++) {
      const { result, gotEvent } = await connectOnce(run, spec, sse, env, attempt, stopWith);
      env.onConnectionDone?.(result);
      if (run.stop.signal.aborted) break;
      const error = result.error;
      const isLast = (error && GIVE_UP.has(error.kind)) || (sse.maxReconnects !== undefined && attempt >= sse.maxReconnects);
      if (isLast) {
        if (error) {
          await env.onTransferDone(result);
          exitCode = error.exitCode;
        }
        break;
      }
      failures = gotEvent ? 1 : failures + 1;
      const base = baseDelay(sse, run.serverRetryMs);
      const delay = reconnectDelay(base.ms, failures, sse.maxBackoffMs);
      const id = run.lastEventId ? ` with Last-Event-ID: ${run.lastEventId}` : '';
      trace.emit({ type: 'info', source: 'sse', message: `${error ? `Stream failed (${error.message})` : 'Stream ended'}; reconnecting in ${delay} ms${id}${base.note}` });
      await abortableSleep(delay, run.stop.signal);
    }
  } finally {
    clearTimeout(forTimer);
    env.interrupt.removeEventListener('abort', onInterrupt);
    run.pool.closeAll();
    saveCookieJar(run.cookies, spec, env.stdout, (message) => env.onWarning?.(message));
  }
  return exitCode;
}

/** One connection: request with Last-Event-ID, write its events, until it ends, fails, idles out or the run stops. */
async function connectOnce(run: RunState, spec: RequestSpec, sse: SseSpec, env: SseEnv, attempt: number, stopWith: (why: string) => void): Promise<ConnectionOutcome> {
  const connection = linkedAbort(run.stop.signal);
  const idle = startIdleTimer(sse.idleTimeoutMs, () => connection.abort(new QurlError('timeout', `nothing arrived for ${sse.idleTimeoutMs} ms (--idle-timeout)`)));
  const parser = createSseParser(run.lastEventId, sse.maxEventSize);
  let gotEvent = false;
  const onItem = (item: SseItem): void => {
    idle.touch();
    if (item.kind === 'retry') run.serverRetryMs = item.ms;
    if (item.kind !== 'event' || run.stop.signal.aborted) return;
    run.lastEventId = item.id;
    gotEvent = true;
    if (sse.events.length > 0 && !sse.events.includes(item.event)) return;
    writeEvent(item, run.serverRetryMs, sse, env);
    run.delivered++;
    if (sse.count !== undefined && run.delivered >= sse.count) stopWith(`${sse.count} events received`);
  };
  try {
    const result = await runTransfer({ url: spec.urls[0]!.url }, { ...spec, headers: sseHeaders(spec, run.lastEventId) }, {
      pool: run.pool, sink: env.sink, stdout: env.stdout, signal: connection.signal, cookies: run.cookies,
      respond: (head) => {
        if (checkSseResponse(head) === 'stop') stopWith('the server answered 204 No Content');
        idle.touch();
        return createSseSink(parser, { onItem, onBytes: (b) => sse.format === 'raw' && void env.stdout.write(b) });
      },
    }, attempt);
    return { result, gotEvent };
  } finally {
    idle.stop();
    connection.dispose();
  }
}

function writeEvent(event: SseEvent, retry: number | undefined, sse: SseSpec, env: SseEnv): void {
  const received: ReceivedEvent = { event, retry, receivedAt: new Date() };
  if (sse.format === 'json') env.stdout.write(formatJson(received));
  else if (sse.format === 'data') env.stdout.write(formatData(received));
  else if (sse.format === 'pretty') env.stdout.write(formatPretty(received, env.color));
}
