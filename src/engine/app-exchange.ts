// One exchange for an application on the engine (grpc, …): a stream from the same pool and connection chain as
// a plain transfer (proxies, --resolve, TLS, traces, timing), whose request head and body the application owns.
import { QurlError, toQurlError } from '../errors/index.js';
import { createTransferTimings, createTransferTrace, now, type HeaderList, type TraceSink, type TransferTrace } from '../trace/index.js';
import { createConnectionPool, type ConnectionPool, type ProtocolConnection, type RequestBody, type ResponseStream } from '../transport/index.js';
import { authenticateProxy } from './auth/authenticate.js';
import { wrapSend } from './exchange-chain.js';
import { connectRequestFor } from './connect-request.js';
import { resolveProxy } from './proxy-config.js';
import type { RequestSpec } from './request-spec.js';
import { parseRequestUrl } from './request-url.js';
import { sendExchange } from './send-exchange.js';
import { createTransferLimits } from './transfer-limits.js';
import type { TransferResult } from './transfer-result.js';

export interface AppRequest {
  readonly url: string;
  readonly method: string;
  /** Sent as given after the pseudo-header fields: the application owns them all (nothing is added). */
  readonly headers: HeaderList;
  /** The :authority (Host) to send when it is not the URL's. */
  readonly authority?: string;
  readonly body: RequestBody | null;
}

interface AppEnv {
  readonly pool: ConnectionPool;
  readonly sink: TraceSink;
  /** Ends the exchange early (Ctrl-C); its reason becomes the error. */
  readonly signal?: AbortSignal;
}

/**
 * What an application (grpc, …) runs on: the engine's pool, trace sink and exchanges. The application's own
 * bundle gets it from the CLI instead of carrying a second copy of the transport.
 */
export interface AppEngine {
  readonly sink: TraceSink;
  /** The output's backpressure: a promise while it is behind, which a stream waits on before reading more. */
  readonly drained?: () => Promise<void> | undefined;
  /** Starts one exchange; `transferId` numbers it in the trace. */
  start(spec: RequestSpec, transferId: number): AppExchange;
  /** Closes the engine's connections. */
  close(): void;
}

export function createAppEngine(options: Omit<AppEnv, 'pool'> & Pick<AppEngine, 'drained'>): AppEngine {
  const env: AppEnv = { pool: createConnectionPool(), sink: options.sink, signal: options.signal };
  return {
    sink: options.sink,
    drained: options.drained,
    start: (spec, transferId) => startAppExchange(spec, env, transferId),
    close: () => env.pool.closeAll(),
  };
}

export interface AppExchange {
  readonly trace: TransferTrace;
  /** When the exchange's clock started (the trace's clock: events' `t` count on it). */
  readonly startedAt: bigint;
  /** Aborts at --max-time, with a timeout QurlError as its reason. */
  readonly signal: AbortSignal;
  /** Sends the request; resolves once the response head arrived (its body and trailers stream on). Call once. */
  open(request: AppRequest): Promise<ResponseStream>;
  /** Counts response bytes as the application reads them (curl's size_download). */
  received(bytes: number): void;
  /** Ends the exchange and says what it did, for -w, --timing and --out-json. Call once, last. */
  finish(error?: unknown): TransferResult;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function startAppExchange(spec: RequestSpec, env: AppEnv, transferId: number): AppExchange {
  const trace = createTransferTrace(env.sink, transferId);
  const startedAt = now();
  const timings = createTransferTimings(trace.wants('timing') ? (phase, at) => trace.emit({ type: 'timing', source: 'engine', phase, at }) : undefined);
  const result: Mutable<Omit<TransferResult, 'times'>> = {
    transferId, urlNum: 0, url: '', referer: '', connId: -1, urlEffective: '', method: '', scheme: '', status: 0, httpVersion: '0', headers: [],
    numRedirects: 0, numConnects: 0, sizeDownload: 0, sizeUpload: 0, sizeHeader: 0, sizeRequest: 0,
    remoteIp: '', remotePort: 0, localIp: '', localPort: 0, sslVerifyResult: 0, redirectUrl: '', httpConnect: 0, proxyUsed: false, filenameEffective: '', fileOpened: false, numRetries: 0,
  };
  const limits = createTransferLimits(spec.maxTime, spec.connectTimeout, () => result.sizeDownload, env.signal);
  return {
    trace,
    startedAt,
    signal: limits.signal,
    async open(request) {
      const url = parseRequestUrl(request.url);
      result.urlEffective = url.href;
      result.method = request.method;
      result.scheme = url.scheme;
      timings.startHop(false);
      const proxy = resolveProxy(spec, url);
      result.proxyUsed = proxy !== null;
      let info: ProtocolConnection['chain']['info'] = {};
      // The application's streams take the chain's proxy authentication (the tunnel's CONNECT answers a 407).
      const send = wrapSend(async (hop) => {
        const exchange = await sendExchange({
          pool: env.pool,
          connect: connectRequestFor(spec, url, proxy && { ...proxy, hop: { ...proxy.hop, authorization: hop.proxyAuthorization } }),
          head: { method: request.method, target: url.target, authority: request.authority ?? url.authority, headers: request.headers },
          openBody: () => request.body,
          trace, timings, limits,
          onNewConnection: () => result.numConnects++,
          onBodySent: (n) => (result.sizeUpload += n),
        });
        info = exchange.connection.chain.info;
        return exchange.response;
      }, [authenticateProxy(spec)]);
      const response = await send({ url, method: request.method, sendBody: true, crossedOrigin: false, expectContinue: false });
      Object.assign(result, {
        remoteIp: info.remoteAddress ?? '', remotePort: info.remotePort ?? 0, localIp: info.localAddress ?? '', localPort: info.localPort ?? 0,
        sslVerifyResult: info.sslVerifyResult ?? 0, httpConnect: info.httpConnectCode ?? 0,
        status: response.head.status, httpVersion: response.head.version, headers: response.head.headers,
        sizeRequest: response.requestHeadBytes, sizeHeader: [...response.head.informational, response.head.raw].reduce((n, h) => n + h.length, 0),
      });
      return response;
    },
    received(bytes) {
      result.sizeDownload += bytes;
    },
    finish(error) {
      limits.dispose();
      timings.mark('total');
      const failure = error === undefined ? undefined : limits.signal.aborted && limits.signal.reason instanceof QurlError ? limits.signal.reason : toQurlError(error, 'recv');
      return { ...result, ...(failure ? { error: failure } : {}), times: timings.seconds() };
    },
  };
}
