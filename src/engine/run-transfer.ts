// runTransfer: one URL from request to written body. Its requests go through the exchange chain (redirects,
// authentication, cookies, the Expect retry) around one send step; the final response is checked (--fail,
// --max-filesize), decoded and written.
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { QurlError, toQurlError } from '../errors/index.js';
import { createTransferTimings, createTransferTrace, headerValue, headerValues, type TraceSink, type TransferTimings, type TransferTrace } from '../trace/index.js';
import type { ConnectionPool, NameResolver, ProtocolConnection, ResponseHead, ResponseStream } from '../transport/index.js';
import { authenticateProxy, authenticateServer } from './auth/authenticate.js';
import { createBodyOutput, outputFor, toWriteError, type BodyOutput } from './body-output.js';
import { connectRequestFor, type ConnectFor } from './connect-request.js';
import { sendCookies } from './cookie-wrapper.js';
import { drainResponse, wrapSend, type Hop, type HopWrapper, type SendHop } from './exchange-chain.js';
import { dispositionFileName } from './content-disposition.js';
import { rateLimited } from './rate-limit.js';
import { resumedBody, resumeOffsetFor, withResumeRange } from './resume.js';
import { unmetTimeCondition } from './time-condition.js';
import { finishOutputFile, saveEtag } from './output-file-rules.js';
import type { LiveTransfer } from './live-transfer.js';
import { retryWithoutExpect } from './expect-retry.js';
import { CREDENTIAL_HEADERS, followRedirects } from './redirect.js';
import { joinDataParts, prepareBody, prepareUpload, uploadUrl, urlencodedPart, type PreparedBody } from './request-body.js';
import { buildRequestHeaders } from './request-headers.js';
import { protocolList } from './url-protocols.js';
import type { CookieEngine } from '../cookies/index.js';
import type { RequestSpec, UrlJob } from './request-spec.js';
import { absoluteTarget, parseRequestUrl, remoteFileName, type RequestUrl } from './request-url.js';
import { createTransferLimits, type TransferLimits } from './transfer-limits.js';
import { sendExchange } from './send-exchange.js';
import type { TransferResult } from './transfer-result.js';
import { resolveProxy, type ProxyChoice } from './proxy-config.js';
import { announcedLength, fileSizeError, writeBody } from './write-body.js';
import type { AltSvcCache } from './alt-svc-cache.js';
import type { HstsCache } from './hsts-cache.js';
import type { AltSvcEntry } from '../codec/index.js';

/** How what goes to stdout is shown there (the cli's terminal view): heads and bodies as a person reads them. */
export interface BodyPresenter {
  /** An -i head bound for stdout, as it should appear. */
  head(raw: Uint8Array): Uint8Array;
  /** A sink for a body bound for stdout (it writes to `stdout`, never ends it), or null for the bytes as they came; `explicit`: -o - was given. */
  body(head: ResponseHead, stdout: Writable, explicit: boolean): Writable | null;
}

export interface TransferEnv {
  readonly pool: ConnectionPool;
  readonly sink: TraceSink;
  readonly stdout: Writable;
  /** Set by the cli for what goes to stdout (a terminal, or --pretty). */
  readonly present?: BodyPresenter;
  /** Applications (sse, …) take the final response's body here instead of the output; may throw to refuse it. */
  readonly respond?: (head: ResponseHead) => Writable;
  /** Ends the transfer early; its reason becomes the result's error. */
  readonly signal?: AbortSignal;
  readonly altSvc?: AltSvcCache;
  /** --doh-url: how names are resolved instead of getaddrinfo. */
  readonly resolver?: NameResolver;
  /** --hsts: hosts that must be reached over HTTPS, learnt from Strict-Transport-Security. */
  readonly hsts?: HstsCache;
  /** The run's cookie engine (-b FILE, -b "", -c): consulted for every hop, and told every Set-Cookie. */
  readonly cookies?: CookieEngine;
  /** Told of the transfer as it starts, for progress meters. */
  readonly onLive?: (live: LiveTransfer) => void;
}

/** curl's names for the protocol a response came over, as the Alt-Svc cache records them. */
const ALPN_OF_VERSION: Readonly<Record<string, string>> = { '1.0': 'h1', '1.1': 'h1', '2': 'h2', '3': 'h3' };

/** An HTTP/3 alternative from the Alt-Svc cache, when the request may use one (https, no proxy, not held to 1.x). */
function altSvcFor(env: TransferEnv, spec: RequestSpec, url: RequestUrl, proxy: ProxyChoice | null): AltSvcEntry | undefined {
  if (!env.altSvc || url.scheme !== 'https' || proxy || !['2', '3', '3-only'].includes(spec.httpVersion)) return undefined;
  return env.altSvc.lookup(url.host, url.port);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function methodFor(spec: RequestSpec, job: UrlJob, hasBody: boolean): string {
  if (job.upload !== undefined) return spec.method ?? 'PUT';
  if (spec.method) return spec.method;
  if (spec.head) return 'HEAD';
  return hasBody && !spec.get ? 'POST' : 'GET';
}

/** A -H Content-Type given with -F, which becomes the form's own type (with its boundary), as curl does it. */
function formMediaType(spec: RequestSpec): string | undefined {
  if (spec.form.length === 0) return undefined;
  const given = spec.headers.find((h) => h.mode === 'set' && h.name.toLowerCase() === 'content-type');
  return given?.value;
}

/** -H headers for this hop: credentials stay off other origins, and Proxy-Authorization only ever reaches a proxy. */
function headersFor(spec: RequestSpec, credentialsStay: boolean, proxy: ProxyChoice | null): RequestSpec['headers'] {
  const toProxy = proxy !== null && !proxy.hop.tunnel;
  const formType = formMediaType(spec) !== undefined;
  return spec.headers.filter((h) => {
    const name = h.name.toLowerCase();
    if (name === 'proxy-authorization' && !toProxy) return false;
    if (formType && name === 'content-type') return false;
    return !(credentialsStay && CREDENTIAL_HEADERS.has(name));
  });
}

/** --url-query (curl 7.87): each part URL-encoded as --data-urlencode would, or as given after a `+`. */
function withUrlQuery(url: string, parts: readonly string[]): string {
  if (parts.length === 0) return url;
  const query = parts.map((p) => (p.startsWith('+') ? p.slice(1) : urlencodedPart(p))).join('&');
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  return `${base}${base.includes('?') ? '&' : '?'}${query}`;
}

/** -G: the data goes into the query string instead of a body. */
function withQueryData(url: string, spec: RequestSpec): string {
  if (!spec.get || spec.data.length === 0) return url;
  const query = joinDataParts(spec.data).toString('latin1');
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  return `${base}${base.includes('?') ? '&' : '?'}${query}`;
}

/** The job's URL with -T's file name, -G's data and --url-query added, parsed by curl's rules. */
function firstUrl(job: UrlJob, spec: RequestSpec): RequestUrl {
  const withUpload = job.upload === undefined ? job.url : uploadUrl(job.url, job.upload);
  return parseRequestUrl(withUrlQuery(withQueryData(withUpload, spec), spec.urlQuery), { pathAsIs: spec.pathAsIs, protoDefault: spec.protoDefault, allowed: protocolList(spec.proto) });
}

function withResolver(connect: ConnectFor, resolver: NameResolver | undefined): ConnectFor {
  return resolver ? { ...connect, options: { ...connect.options, resolver } } : connect;
}

/** --hsts: an http:// URL to a host the cache knows becomes https:// (its port kept when it was given). */
function secureByHsts(env: TransferEnv, trace: TransferTrace, url: RequestUrl): RequestUrl {
  if (!env.hsts || url.scheme !== 'http' || !env.hsts.secure(url.host)) return url;
  const secured = parseRequestUrl(url.href.replace(/^http:/i, 'https:'));
  trace.emit({ type: 'info', source: 'engine', message: `Switched from HTTP to HTTPS due to HSTS => ${secured.href}` });
  return secured;
}

/**
 * The chain's wrappers this transfer can need, the first outermost. Each left out has nothing to do: -Z over a
 * thousand plain GETs pays for every async layer and closure a transfer builds.
 */
function wrappersFor(spec: RequestSpec, env: TransferEnv, url: RequestUrl, hasBody: boolean, trace: TransferTrace, result: TransferResultState): HopWrapper[] {
  const wrappers: HopWrapper[] = [];
  if (spec.location) wrappers.push(followRedirects(spec, trace, result, (to) => secureByHsts(env, trace, to)));
  // A redirect may lead to a URL with its own user:password, or to a host ~/.netrc knows.
  const mayAuthenticate = spec.user !== undefined || spec.bearer !== undefined || spec.netrcFile !== undefined || url.url.username !== '' || spec.location;
  if (mayAuthenticate) wrappers.push(authenticateServer(spec));
  if (spec.proxy !== '' && (spec.proxy !== undefined || Object.keys(spec.proxyEnv).length > 0)) wrappers.push(authenticateProxy(spec));
  if (env.cookies !== undefined || spec.cookies.literals.length > 0) wrappers.push(sendCookies(env.cookies, spec.cookies.literals));
  // Only a request with a body sends Expect: 100-continue.
  if (hasBody) wrappers.push(retryWithoutExpect());
  return wrappers;
}

/** What one transfer's send step and final write share. */
type TransferResultState = Mutable<Omit<TransferResult, 'times'>>;

interface TransferState {
  readonly job: UrlJob;
  readonly spec: RequestSpec;
  readonly env: TransferEnv;
  readonly trace: TransferTrace;
  readonly timings: TransferTimings;
  readonly limits: TransferLimits;
  readonly result: TransferResultState;
  readonly output: BodyOutput;
  readonly headerFile: BodyOutput | null;
  readonly body: PreparedBody | null;
  /** -C: the offset asked for (0: the whole body). */
  readonly resumeAt: number;
  /** The final body's announced size, for progress meters. */
  expected: number | null;
  /** The terminal view, when this transfer's output is stdout. */
  readonly present: BodyPresenter | undefined;
  lastConnection: ProtocolConnection | null;
  lastHost: string;
}

/** The innermost step of the chain: one request on a pooled connection, its response head recorded and written. */
function sendStep(state: TransferState): SendHop {
  const { spec, env, trace, result, job, body } = state;
  return async (hop: Hop) => {
    const { url, method } = hop;
    result.urlEffective = url.href;
    result.method = method;
    result.scheme = url.scheme;
    // As in curl, %{size_upload} is the last request's.
    result.sizeUpload = 0;
    state.timings.startHop(result.numRedirects > 0, hop.sendBody && body !== null);
    const proxy = resolveProxy(spec, url);
    const toProxy = proxy !== null && !proxy.hop.tunnel;
    const built = buildRequestHeaders({
      authority: url.authority,
      authorization: hop.authorization,
      userAgent: spec.userAgent,
      referer: spec.referer,
      compressed: spec.compressed,
      trEncoding: spec.trEncoding,
      contentType: hop.sendBody ? body?.contentType : undefined,
      json: spec.data.some((d) => d.kind === 'json'),
      cookie: hop.cookie,
      custom: withResumeRange(headersFor(spec, hop.crossedOrigin && !spec.locationTrusted, proxy), state.resumeAt),
      toProxy: toProxy ? { authorization: hop.proxyAuthorization, headers: spec.proxyHeaders } : undefined,
    });
    result.proxyUsed = proxy !== null;
    result.referer = headerValue(built.headers, 'referer') ?? '';
    const alt = altSvcFor(env, spec, url, proxy);
    if (alt) {
      const to = alt.dstHost.includes(':') ? `[${alt.dstHost}]` : alt.dstHost;
      trace.emit({ type: 'info', source: 'engine', message: `Alt-svc connecting from [${alt.srcAlpn}]${url.authority} to [h3]${to}:${alt.dstPort}` });
    }
    const tunnelProxy = proxy && proxy.hop.tunnel ? { ...proxy, hop: { ...proxy.hop, authorization: hop.proxyAuthorization } } : proxy;
    const { connection, response: res } = await sendExchange({
      pool: env.pool,
      connect: withResolver(connectRequestFor(spec, url, tunnelProxy, alt), env.resolver),
      head: {
        method,
        // RFC 9112 §3.2.2: through a proxy without a tunnel, the request target is the absolute URL.
        target: spec.requestTarget ?? (toProxy ? absoluteTarget(url) : url.target),
        authority: built.authority,
        headers: built.headers,
        typedLines: built.typedLines,
        framingAt: built.framingAt,
        omitHost: built.omitHost,
        expect100ForAnySize: job.upload !== undefined,
        expect100TimeoutMs: hop.expectContinue ? spec.expect100Timeout * 1000 : undefined,
        http1: spec.http1Reading,
      },
      openBody: () => {
        const stream = hop.sendBody && body ? body.open() : null;
        stream?.stream.once('end', () => state.timings.mark('posttransfer'));
        return stream;
      },
      trace, timings: state.timings, limits: state.limits,
      onNewConnection: () => result.numConnects++,
      onBodySent: (n) => (result.sizeUpload += n),
    });
    state.lastConnection = connection;
    state.lastHost = url.host;
    recordResponse(state, url, connection, res);
    const sts = url.scheme === 'https' ? headerValue(res.head.headers, 'strict-transport-security') : undefined;
    if (sts !== undefined) env.hsts?.learn(url.host, sts);
    if (spec.outputFiles.remoteHeaderName && job.remoteName) {
      const named = dispositionFileName(headerValue(res.head.headers, 'content-disposition'));
      if (named !== undefined) state.output.rename?.(named);
    }
    // Every response's head, a failing one's under -f too (curl 7.88 writes it before it fails).
    const showHeads = spec.includeHeaders || spec.head;
    if (showHeads || state.headerFile) {
      for (const h of [...res.head.informational, res.head.raw]) {
        if (showHeads) await state.output.write(state.present ? state.present.head(h) : h);
        if (state.headerFile) await state.headerFile.write(h);
      }
    }
    return res;
  };
}

function recordResponse(state: TransferState, url: RequestUrl, connection: ProtocolConnection, res: ResponseStream): void {
  const { result, env } = state;
  const info = connection.chain.info;
  result.connId = connection.chain.connId;
  result.peerCertificates = info.peerCertificates;
  result.remoteIp = info.remoteAddress ?? '';
  result.remotePort = info.remotePort ?? 0;
  result.localIp = info.localAddress ?? '';
  result.localPort = info.localPort ?? 0;
  result.sslVerifyResult = info.sslVerifyResult ?? 0;
  result.httpConnect = info.httpConnectCode ?? 0;
  result.sizeRequest += res.requestHeadBytes;
  result.status = res.head.status;
  result.httpVersion = res.head.version;
  result.headers = res.head.headers;
  result.sizeHeader += res.head.informational.reduce((n, h) => n + h.length, res.head.raw.length);
  const location = headerValue(res.head.headers, 'location');
  if (location) result.redirectUrl = new URL(location, url.url).href;
  if (env.altSvc && url.scheme === 'https') {
    const values = headerValues(res.head.headers, 'alt-svc');
    if (values.length > 0) env.altSvc.learn(url.host, url.port, ALPN_OF_VERSION[res.head.version] ?? 'h1', values);
  }
}

/** Ends the terminal view's sink: a formatted body is written now. */
function endPresented(sink: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    sink.once('error', (err) => reject(toWriteError(err, 'stdout')));
    sink.end(() => resolve());
  });
}

/** The final response: --fail, --max-filesize, then its body decoded into the output and its trailers after it. */
async function deliverResponse(state: TransferState, res: ResponseStream): Promise<void> {
  const { spec, env, result, output, headerFile } = state;
  const failing = spec.fail !== 'none' && res.head.status >= 400;
  if (failing && spec.fail === 'fail') {
    // Only this exchange ends: HTTP/1.1 drops its connection, HTTP/2 resets just the stream.
    res.body.destroy();
    throw new QurlError('http-fail', `The requested URL returned error: ${res.head.status}`);
  }
  const expected = spec.http1Reading.ignoreContentLength ? null : announcedLength(res, result.method);
  state.expected = expected;
  if (spec.outputFiles.etagSave !== undefined) saveEtag(spec.outputFiles.etagSave, res.head);
  const complete = state.resumeAt > 0 && resumedBody(res.head, state.resumeAt, expected) === 'skip';
  const unmet = complete ? undefined : unmetTimeCondition(spec, res.head);
  // As curl: a time condition the server ignored reads as the 304 it should have sent.
  if (unmet !== undefined) result.status = 304;
  const skip = complete ? 'The entire document is already downloaded' : unmet;
  if (skip !== undefined) {
    state.trace.emit({ type: 'info', source: 'engine', message: skip });
    await drainResponse(res);
    if (failing) throw new QurlError('http-fail', `The requested URL returned error: ${res.head.status}`);
    return;
  }
  if (spec.maxFilesize !== undefined && expected !== null && expected > spec.maxFilesize) {
    res.body.destroy();
    throw fileSizeError(spec.maxFilesize);
  }
  const presented = !env.respond && state.present ? state.present.body(res.head, env.stdout, state.job.output === '-') : null;
  const chosen = env.respond ? outputFor(env.respond(res.head)) : presented ? outputFor(presented) : output;
  const target = spec.limitRate !== undefined ? rateLimited(chosen, spec.limitRate, state.limits.signal) : chosen;
  const raw = spec.http1Reading.raw;
  await writeBody(res, { content: spec.compressed && !raw, transfer: spec.trEncoding && !raw }, target, { expected, maxFilesize: spec.maxFilesize ?? null }, (n) => (result.sizeDownload += n));
  if (presented) await endPresented(presented);
  const trailers = await res.trailers;
  if (trailers.length > 0) {
    state.trace.emit({ type: 'trailers', source: 'engine', headers: trailers });
    const lines = Buffer.from(trailers.map(([k, v]) => `${k}: ${v}\r\n`).join(''), 'latin1');
    if (spec.includeHeaders) await output.write(lines);
    if (headerFile) await headerFile.write(lines);
  }
  if (failing) throw new QurlError('http-fail', `The requested URL returned error: ${res.head.status}`);
}

export async function runTransfer(job: UrlJob, spec: RequestSpec, env: TransferEnv, transferId: number): Promise<TransferResult> {
  const trace = createTransferTrace(env.sink, transferId);
  let timings = createTransferTimings();
  const result: TransferResultState = {
    transferId, urlNum: job.urlNum ?? 0, url: job.url, referer: '', connId: -1, urlEffective: job.url, method: '', scheme: '', status: 0, httpVersion: '0', headers: [],
    numRedirects: 0, numConnects: 0, sizeDownload: 0, sizeUpload: 0, sizeHeader: 0, sizeRequest: 0,
    remoteIp: '', remotePort: 0, localIp: '', localPort: 0, sslVerifyResult: 0, redirectUrl: '', httpConnect: 0, proxyUsed: false, filenameEffective: '', fileOpened: false, numRetries: 0,
  };
  let limits: TransferLimits | undefined;
  let state: TransferState | null = null;
  let output: BodyOutput | null = null;
  let ended = false;
  let uploadSize: number | null = null;
  env.onLive?.({
    transferId,
    downloaded: () => result.sizeDownload,
    uploaded: () => result.sizeUpload,
    downloadSize: () => state?.expected ?? null,
    uploadSize: () => uploadSize,
    done: () => ended,
  });
  try {
    const url = secureByHsts(env, trace, firstUrl(job, spec));
    const name = job.remoteName ? remoteFileName(url.url) : job.output;
    const resumeAt = resumeOffsetFor(spec.resume, name === undefined || name === '-' ? null : spec.outputDir ? join(spec.outputDir, name) : name);
    output = createBodyOutput(name, env.stdout, { dir: spec.outputDir, createDirs: spec.createDirs, append: resumeAt > 0, noClobber: spec.outputFiles.noClobber });
    const headerFile = spec.dumpHeader ? createBodyOutput(spec.dumpHeader, env.stdout, { createDirs: spec.createDirs }) : null;
    const sendsData = !spec.get && (spec.data.length > 0 || spec.form.length > 0);
    const body = job.upload !== undefined ? prepareUpload(job.upload) : sendsData ? await prepareBody(spec.data, spec.form, { escape: spec.formEscape, mediaType: formMediaType(spec) }) : null;
    uploadSize = body?.length ?? null;
    // The clock starts when the request is ready to go: reading -d/-F files and opening -o are not the network's.
    timings = createTransferTimings(trace.wants('timing') ? (phase, at) => trace.emit({ type: 'timing', source: 'engine', phase, at }) : undefined);
    limits = createTransferLimits(spec.maxTime, spec.connectTimeout, () => result.sizeDownload, env.signal, spec.speedLimit);
    const toStdout = !job.remoteName && (job.output === undefined || job.output === '-');
    state = { job, spec, env, trace, timings, limits, result, output, headerFile, body, resumeAt, expected: null, present: toStdout ? env.present : undefined, lastConnection: null, lastHost: '' };
    const send = wrapSend(sendStep(state), wrappersFor(spec, env, url, body !== null, trace, result));
    const res = await send({
      url, method: methodFor(spec, job, body !== null), sendBody: body !== null, crossedOrigin: false,
      expectContinue: !spec.headers.some((h) => h.name.toLowerCase() === 'expect'),
    });
    await deliverResponse(state, res);
    if (headerFile) await headerFile.close();
  } catch (err) {
    result.error = limits?.signal.aborted && limits.signal.reason instanceof QurlError ? limits.signal.reason : toQurlError(err, 'recv');
  } finally {
    limits?.dispose();
    await output?.close().catch((err: unknown) => {
      result.error ??= toQurlError(err, 'write');
    });
  }
  result.filenameEffective = output?.path ?? '';
  result.fileOpened = output?.opened() ?? false;
  if (output) finishOutputFile(spec, result, output);
  const last = state?.lastConnection;
  if (last && trace.wants('info')) {
    const id = last.chain.connId;
    const message = last.isClosed() ? `Closing connection #${id}` : `Connection #${id} to host ${state!.lastHost} left intact`;
    trace.emit({ type: 'info', source: 'engine', connId: id, message });
  }
  timings.mark('total');
  ended = true;
  return Object.assign(result, { times: timings.seconds() });
}
