// runTransfer: one URL from request to written body: connect via the pool, follow -L hops, decode, --fail.
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { QurlError, toQurlError } from '../errors/index.js';
import { createTransferTimings, createTransferTrace, headerValue, headerValues, type TraceSink } from '../trace/index.js';
import type { ConnectionPool, ProtocolConnection, ResponseHead, ResponseStream } from '../transport/index.js';
import { createBodyOutput, outputFor, type BodyOutput } from './body-output.js';
import { connectRequestFor } from './connect-request.js';
import { CREDENTIAL_HEADERS, isRedirectStatus, isSameOrigin, nextHop } from './redirect.js';
import { joinDataParts, prepareBody, prepareUpload, uploadUrl, urlencodedPart } from './request-body.js';
import { buildRequestHeaders } from './request-headers.js';
import { negotiateAuth } from './auth/http-auth.js';
import { protocolList, redirectProtocols } from './url-protocols.js';
import { userCredentials } from './auth/user-credentials.js';
import type { CookieEngine } from '../cookies/index.js';
import type { RequestSpec, UrlJob } from './request-spec.js';
import { parseRequestUrl, remoteFileName, type RequestUrl } from './request-url.js';
import { createTransferLimits } from './transfer-limits.js';
import { sendExchange } from './send-exchange.js';
import type { TransferResult } from './transfer-result.js';
import { resolveProxy, type ProxyChoice } from './proxy-config.js';
import { announcedLength, fileSizeError, writeBody } from './write-body.js';
import type { AltSvcCache } from './alt-svc-cache.js';
import type { AltSvcEntry } from '../codec/index.js';

export interface TransferEnv {
  readonly pool: ConnectionPool;
  readonly sink: TraceSink;
  readonly stdout: Writable;
  /** Applications (sse, …) take the final response's body here instead of the output; may throw to refuse it. */
  readonly respond?: (head: ResponseHead) => Writable;
  /** Ends the transfer early; its reason becomes the result's error. */
  readonly signal?: AbortSignal;
  readonly altSvc?: AltSvcCache;
  /** The run's cookie engine (-b FILE, -b "", -c): consulted for every hop, and told every Set-Cookie. */
  readonly cookies?: CookieEngine;
}

/** curl's names for the protocol a response came over, as the Alt-Svc cache records them. */
const ALPN_OF_VERSION: Readonly<Record<string, string>> = { '1.0': 'h1', '1.1': 'h1', '2': 'h2', '3': 'h3' };

/** An HTTP/3 alternative from the Alt-Svc cache, when the request may use one (https, no proxy, not held to 1.x). */
function altSvcFor(env: TransferEnv, spec: RequestSpec, url: RequestUrl, proxy: ProxyChoice | null): AltSvcEntry | undefined {
  if (!env.altSvc || url.scheme !== 'https' || proxy || !['2', '3', '3-only'].includes(spec.httpVersion)) return undefined;
  return env.altSvc.lookup(url.host, url.port);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function methodFor(spec: RequestSpec, hasBody: boolean): string {
  if (spec.method) return spec.method;
  if (spec.head) return 'HEAD';
  return hasBody && !spec.get ? 'POST' : 'GET';
}

/** -H headers for this hop: credentials stay off other origins, and Proxy-Authorization only ever reaches a proxy. */
function headersFor(spec: RequestSpec, crossedOrigin: boolean, proxy: ProxyChoice | null): RequestSpec['headers'] {
  const toProxy = proxy !== null && !proxy.hop.tunnel;
  return spec.headers.filter((h) => {
    const name = h.name.toLowerCase();
    if (name === 'proxy-authorization' && !toProxy) return false;
    return !(crossedOrigin && CREDENTIAL_HEADERS.has(name));
  });
}

/** The engine's cookies for this URL, then -b's literal ones (which, like credentials, stay on the first origin). */
function cookieHeader(env: TransferEnv, spec: RequestSpec, url: URL, crossedOrigin: boolean): string | undefined {
  const parts = [env.cookies?.header(url), ...(crossedOrigin ? [] : spec.cookies.literals)].filter((p): p is string => p !== undefined && p !== '');
  return parts.length === 0 ? undefined : parts.join('; ');
}

function absoluteTarget(url: RequestUrl): string {
  return `${url.scheme}://${url.authority}${url.target}`;
}

/** --url-query (curl 7.87): each part URL-encoded as --data-urlencode would, or as given after a `+`. */
function withUrlQuery(url: string, parts: readonly string[]): string {
  if (parts.length === 0) return url;
  // curl encodes a space in the query as `+`.
  const query = parts.map((p) => (p.startsWith('+') ? p.slice(1) : urlencodedPart(p).replace(/%20/g, '+'))).join('&');
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

/** Reads a redirect's body to its end; finished() also settles for a body that already ended unread. */
async function drain(res: ResponseStream): Promise<void> {
  try {
    await finished(res.body.resume());
  } catch (err) {
    throw res.bodyError(err);
  }
}

export async function runTransfer(job: UrlJob, spec: RequestSpec, env: TransferEnv, transferId: number): Promise<TransferResult> {
  const trace = createTransferTrace(env.sink, transferId);
  const timings = createTransferTimings();
  const result: Mutable<Omit<TransferResult, 'times'>> = {
    transferId, urlEffective: job.url, method: '', scheme: '', status: 0, httpVersion: '0', headers: [],
    numRedirects: 0, numConnects: 0, sizeDownload: 0, sizeUpload: 0, sizeHeader: 0, sizeRequest: 0,
    remoteIp: '', remotePort: 0, localIp: '', localPort: 0, sslVerifyResult: 0, redirectUrl: '', httpConnect: 0, proxyUsed: false,
  };
  const limits = createTransferLimits(spec.maxTime, spec.connectTimeout, () => result.sizeDownload, env.signal);
  let output: BodyOutput | null = null;
  let lastConnection: ProtocolConnection | null = null;
  let lastHost = '';
  try {
    const withUpload = job.upload === undefined ? job.url : uploadUrl(job.url, job.upload);
    let url = parseRequestUrl(withUrlQuery(withQueryData(withUpload, spec), spec.urlQuery), { pathAsIs: spec.pathAsIs, protoDefault: spec.protoDefault, allowed: protocolList(spec.proto) });
    const outputName = job.remoteName ? remoteFileName(url.url) : job.output;
    output = createBodyOutput(outputName, env.stdout, { dir: spec.outputDir, createDirs: spec.createDirs });
    const headerFile = spec.dumpHeader ? createBodyOutput(spec.dumpHeader, env.stdout, { createDirs: spec.createDirs }) : null;
    const body = job.upload !== undefined ? prepareUpload(job.upload) : spec.get ? null : await prepareBody(spec.data, spec.form);
    let method = job.upload !== undefined ? spec.method ?? 'PUT' : methodFor(spec, body !== null);
    let sendBody = body !== null;
    let crossedOrigin = false;
    const firstUrl = url.url;
    const auth = negotiateAuth({ scheme: spec.authScheme, user: userCredentials(spec.user?.reveal(), url.url, spec.netrcFile), bearer: spec.bearer?.reveal() });
    // Credentials stay on the first origin unless --location-trusted.
    const credentialsGo = (): boolean => !crossedOrigin || spec.locationTrusted;
    // A 417 to qurl's own Expect: 100-continue sends the request once more without it, as curl does.
    let expectContinue = !spec.headers.some((h) => h.name.toLowerCase() === 'expect');
    for (;;) {
      result.urlEffective = url.url.href;
      result.method = method;
      result.scheme = url.scheme;
      timings.startHop(result.numRedirects > 0);
      const proxy = resolveProxy(spec, url);
      const built = buildRequestHeaders({
        authority: url.authority,
        authorization: credentialsGo() ? auth.authorization(method, spec.requestTarget ?? url.target) : undefined,
        userAgent: spec.userAgent,
        referer: spec.referer,
        compressed: spec.compressed,
        contentType: sendBody ? body?.contentType : undefined,
        jsonAccept: spec.data.some((d) => d.kind === 'json'),
        cookie: cookieHeader(env, spec, url.url, crossedOrigin),
        custom: headersFor(spec, !credentialsGo(), proxy),
        toProxy: proxy && !proxy.hop.tunnel ? { authorization: proxy.hop.authorization, headers: spec.proxyHeaders } : undefined,
      });
      result.proxyUsed = proxy !== null;
      const alt = altSvcFor(env, spec, url, proxy);
      if (alt) {
        const to = alt.dstHost.includes(':') ? `[${alt.dstHost}]` : alt.dstHost;
        trace.emit({ type: 'info', source: 'engine', message: `Alt-svc connecting from [${alt.srcAlpn}]${url.authority} to [h3]${to}:${alt.dstPort}` });
      }
      const exchange = await sendExchange({
        pool: env.pool,
        connect: connectRequestFor(spec, url, proxy, alt),
        head: {
          method,
          // RFC 9112 §3.2.2: through a proxy without a tunnel, the request target is the absolute URL.
          target: spec.requestTarget ?? (proxy && !proxy.hop.tunnel ? absoluteTarget(url) : url.target),
          authority: built.authority,
          headers: built.headers,
          framingAt: built.framingAt,
          omitHost: built.omitHost,
          expect100ForAnySize: job.upload !== undefined,
          expect100TimeoutMs: expectContinue ? spec.expect100Timeout * 1000 : undefined,
          http1: spec.http1Reading,
        },
        openBody: () => (sendBody && body ? body.open() : null),
        trace, timings, limits,
        onNewConnection: () => result.numConnects++,
        onBodySent: (n) => (result.sizeUpload += n),
      });
      const { connection, response: res } = exchange;
      lastConnection = connection;
      lastHost = url.host;
      const info = connection.chain.info;
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
      if (env.altSvc && url.scheme === 'https') {
        const values = headerValues(res.head.headers, 'alt-svc');
        if (values.length > 0) env.altSvc.learn(url.host, url.port, ALPN_OF_VERSION[res.head.version] ?? 'h1', values);
      }
      env.cookies?.store(url.url, headerValues(res.head.headers, 'set-cookie'));
      const heads = [...res.head.informational, res.head.raw];
      result.sizeHeader += heads.reduce((n, h) => n + h.length, 0);
      const location = headerValue(res.head.headers, 'location');
      if (location) result.redirectUrl = new URL(location, url.url).href;

      const failing = spec.fail !== 'none' && res.head.status >= 400;
      if (!(failing && spec.fail === 'fail')) {
        for (const h of heads) {
          if (spec.includeHeaders || spec.head) await output.write(h);
          if (headerFile) await headerFile.write(h);
        }
      }

      if (res.head.status === 417 && res.askedContinue && expectContinue) {
        expectContinue = false;
        await drain(res);
        continue;
      }
      // --digest, --anyauth: the 401 named the scheme; the same request goes again answering it.
      if (res.head.status === 401 && credentialsGo() && auth.retry(headerValues(res.head.headers, 'www-authenticate'))) {
        await drain(res);
        continue;
      }

      if (spec.location && isRedirectStatus(res.head.status) && location) {
        await drain(res);
        if (spec.maxRedirs >= 0 && result.numRedirects >= spec.maxRedirs) {
          throw new QurlError('too-many-redirects', `Maximum (${spec.maxRedirs}) redirects followed`);
        }
        // Counted before it is checked: curl's %{num_redirects} includes a redirect it then refuses.
        result.numRedirects++;
        const hop = nextHop(url.url, res.head.status, location, method, redirectProtocols(spec.protoRedir));
        trace.emit({ type: 'redirect', source: 'engine', status: res.head.status, from: url.url.href, to: hop.url });
        const next = parseRequestUrl(hop.url, { pathAsIs: spec.pathAsIs });
        crossedOrigin ||= !isSameOrigin(firstUrl, next.url);
        url = next;
        method = hop.method;
        sendBody &&= hop.keepBody;
        continue;
      }

      if (failing && spec.fail === 'fail') {
        // Only this exchange ends: HTTP/1.1 drops its connection, HTTP/2 resets just the stream.
        res.body.destroy();
        throw new QurlError('http-fail', `The requested URL returned error: ${res.head.status}`);
      }
      const expected = spec.http1Reading.ignoreContentLength ? null : announcedLength(res, method);
      if (spec.maxFilesize !== undefined && expected !== null && expected > spec.maxFilesize) {
        res.body.destroy();
        throw fileSizeError(spec.maxFilesize);
      }
      const target = env.respond ? outputFor(env.respond(res.head)) : output;
      await writeBody(res, spec.compressed && !spec.http1Reading.raw, target, { expected, maxFilesize: spec.maxFilesize ?? null }, (n) => (result.sizeDownload += n));
      const trailers = await res.trailers;
      if (trailers.length > 0) {
        trace.emit({ type: 'trailers', source: 'engine', headers: trailers });
        const lines = Buffer.from(trailers.map(([k, v]) => `${k}: ${v}\r\n`).join(''), 'latin1');
        if (spec.includeHeaders) await output.write(lines);
        if (headerFile) await headerFile.write(lines);
      }
      if (failing) throw new QurlError('http-fail', `The requested URL returned error: ${res.head.status}`);
      break;
    }
    await headerFile?.close();
  } catch (err) {
    result.error = limits.signal.aborted && limits.signal.reason instanceof QurlError ? limits.signal.reason : toQurlError(err, 'recv');
  } finally {
    limits.dispose();
    await output?.close().catch((err: unknown) => {
      result.error ??= toQurlError(err, 'write');
    });
  }
  if (lastConnection) {
    const id = lastConnection.chain.connId;
    const message = lastConnection.isClosed() ? `Closing connection #${id}` : `Connection #${id} to host ${lastHost} left intact`;
    trace.emit({ type: 'info', source: 'engine', connId: id, message });
  }
  timings.mark('total');
  return { ...result, times: timings.seconds() };
}
