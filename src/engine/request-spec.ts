// RequestSpec: what cli/ parsed from argv; plain, frozen, serialisable data that the engine runs.
import type { HaproxyOptions, Http1Reading, HttpVersionChoice, LocalBind, TlsVersion } from '../transport/index.js';
import type { AuthScheme } from './auth/http-auth.js';
export interface Secret {
  readonly reveal: () => string;
  toString(): string;
  toJSON(): string;
}

export function secret(value: string): Secret {
  return { reveal: () => value, toString: () => '(redacted)', toJSON: () => '(redacted)' };
}

export interface UrlJob {
  readonly url: string;
  /** Which URL of its group it came from (a glob's URLs share one): curl's %{urlnum}. */
  readonly urlNum?: number;
  /** -o FILE for this URL; '-' = stdout. */
  readonly output?: string;
  /** -O: name the file after the URL's last path segment. */
  readonly remoteName?: boolean;
  /** -T FILE for this URL ('-' or '.' for stdin): PUT its bytes. */
  readonly upload?: string;
}

/** -b, -c, -j: cookies as curl takes them. */
export interface CookieOptions {
  /** -b 'name=value; …': sent as given with every request, after the engine's cookies. */
  readonly literals: readonly string[];
  /** -b FILE: read into the engine at the start. */
  readonly files: readonly string[];
  /** -c FILE: the engine's cookies written at the end. */
  readonly jar?: string;
  readonly junkSession: boolean;
  /** Whether Set-Cookie is recorded and matched (a -b file, -b "", or -c). */
  readonly engine: boolean;
}

/** -H: set (replace defaults of that name), remove (`Name:`), or send empty (`Name;`). */
export interface HeaderArg {
  readonly name: string;
  readonly value: string;
  readonly mode: 'set' | 'remove' | 'empty';
  /** The header line exactly as typed, which HTTP/1 sends as curl does (`X-A:b`, `X-B :  c`), when not `Name: value`. */
  readonly line?: string;
}

/** One -d, --data-* or --json argument, resolved to bytes by the engine. */
export interface DataPart {
  readonly kind: 'data' | 'data-binary' | 'data-raw' | 'data-urlencode' | 'json';
  readonly value: string;
}

export interface FormPart {
  readonly name: string;
  /** Literal value, or file path when `file` or `contentFile`. */
  readonly value: string;
  /** `@file`: upload as a file part. */
  readonly file: boolean;
  /** `<file`: the file's content as the field value. */
  readonly contentFile: boolean;
  readonly type?: string;
  readonly filename?: string;
  /** ;headers=: extra header lines for this part, after its Content-Type. */
  readonly headers: readonly string[];
}

export type FailMode = 'none' | 'fail' | 'with-body';

/** -z/--time-cond: the condition sent, and checked against Last-Modified when the server ignores it. */
export interface TimeCondition {
  readonly header: 'If-Modified-Since' | 'If-Unmodified-Since';
  readonly date: Date;
}

/** What happens to an -o/-O file around the transfer. */
export interface OutputFileRules {
  /** --no-clobber: an existing file is kept; the body goes to FILE.1, FILE.2 … */
  readonly noClobber: boolean;
  /** --remove-on-error. */
  readonly removeOnError: boolean;
  /** -R: the file takes the response's Last-Modified time. */
  readonly remoteTime: boolean;
  /** -J: -O's name comes from Content-Disposition. */
  readonly remoteHeaderName: boolean;
  /** --etag-save FILE. */
  readonly etagSave?: string;
}

/** --retry and its companions, as curl takes them. */
export interface RetryOptions {
  /** Retries after the first attempt (0: none). */
  readonly count: number;
  /** --retry-delay in seconds; 0: back off from 1 s, doubling up to 10 minutes. */
  readonly delayS: number;
  /** --retry-max-time in seconds; 0: no bound. */
  readonly maxTimeS: number;
  readonly allErrors: boolean;
  readonly connRefused: boolean;
}

export interface RequestSpec {
  readonly urls: readonly UrlJob[];
  readonly method?: string;
  readonly headers: readonly HeaderArg[];
  readonly userAgent?: string;
  readonly referer?: string;
  readonly user?: Secret;
  /** --basic (default), --digest, --anyauth: how -u is sent (--anyauth wins over --digest when both are given). */
  readonly authScheme: AuthScheme;
  /** --proxy-basic (default), --proxy-digest, --proxy-anyauth: how -U is sent. */
  readonly proxyAuthScheme: AuthScheme;
  /** -n, --netrc-optional, --netrc-file: where to look up credentials -u and the URL do not give. */
  readonly netrcFile?: string;
  /** --oauth2-bearer. */
  readonly bearer?: Secret;
  /** --location-trusted: credentials follow redirects to other hosts. */
  readonly locationTrusted: boolean;
  readonly data: readonly DataPart[];
  readonly form: readonly FormPart[];
  /** --form-escape: backslash-escape `"` and `\` in part names and file names instead of percent-encoding `"`. */
  readonly formEscape: boolean;
  /** What the command line asked that curl warns about and goes on (shown unless -s). */
  readonly warnings: readonly string[];
  readonly get: boolean;
  readonly head: boolean;
  readonly includeHeaders: boolean;
  readonly dumpHeader?: string;
  readonly outputDir?: string;
  readonly createDirs: boolean;
  readonly silent: boolean;
  readonly showError: boolean;
  readonly verbose: number;
  readonly traceFile?: string;
  readonly traceAscii: boolean;
  readonly traceTime: boolean;
  /** --trace-frames target ('-' stdout, '%' stderr). */
  readonly traceFrames?: string;
  readonly writeOut?: string;
  readonly fail: FailMode;
  /** Seconds. */
  readonly maxTime?: number;
  readonly connectTimeout?: number;
  readonly insecure: boolean;
  readonly cacert?: string;
  readonly capath?: string;
  readonly cert?: string;
  readonly key?: string;
  /** --cert-type, --key-type upper-cased (default PEM): PEM, DER or P12 (which holds the key too); others fail when used. */
  readonly certType: string;
  readonly keyType: string;
  /** --pass, or the password after --cert FILE:: the key's (or the P12 file's) pass phrase. */
  readonly keyPassword?: Secret;
  /** --tlsv1.x (a minimum) and --tls-max; undefined: Node's defaults. */
  readonly tlsMinVersion?: TlsVersion;
  readonly tlsMaxVersion?: TlsVersion;
  /** --ciphers (the TLS 1.2 list) and --tls13-ciphers (the TLS 1.3 suites), in OpenSSL's syntax. */
  readonly ciphers?: string;
  readonly tls13Ciphers?: string;
  /** --pinnedpubkey: sha256//BASE64[;sha256//…] or a PEM/DER public key file. */
  readonly pinnedPubkey?: string;
  /** --crlfile: a PEM CRL file checked against the server's chain. */
  readonly crlFile?: string;
  /** --interface and --local-port. */
  readonly localBind?: LocalBind;
  /** --tcp-nodelay (the default) / --no-tcp-nodelay. */
  readonly tcpNoDelay: boolean;
  /** --keepalive-time in seconds (default 60); null: --no-keepalive. */
  readonly keepaliveTime: number | null;
  /** --happy-eyeballs-timeout-ms; undefined: Node's default. */
  readonly happyEyeballsTimeoutMs?: number;
  /** --haproxy-protocol, --haproxy-clientip: a PROXY protocol v1 line first on each connection. */
  readonly haproxy?: HaproxyOptions;
  readonly resolve: readonly string[];
  readonly connectTo: readonly string[];
  /** --unix-socket / --abstract-unix-socket (then with a leading NUL): where to connect instead of the network. */
  readonly unixSocket?: string;
  readonly ipVersion: 4 | 6 | null;
  readonly location: boolean;
  readonly maxRedirs: number;
  readonly compressed: boolean;
  /** --max-filesize in bytes: bigger announced bodies are refused, and no more is written (decoded size). */
  readonly maxFilesize?: number;
  readonly retry: RetryOptions;
  /** -C: resume at this offset, or at the -o file's size ('auto', -C -); the Range it sends replaces -r's. */
  readonly resume?: number | 'auto';
  readonly timeCondition?: TimeCondition;
  readonly outputFiles: OutputFileRules;
  /** --limit-rate in bytes per second. */
  readonly limitRate?: number;
  /** --speed-limit/--speed-time: fail when slower than this for this long. */
  readonly speedLimit?: { readonly bytesPerSecond: number; readonly seconds: number };
  readonly noBuffer: boolean;
  /** -#: the bar; --no-progress-meter: none; else curl's meter (shown only when stderr is a terminal). */
  readonly progress: 'meter' | 'bar' | 'none';
  /** '2' (the default) offers h2 by ALPN on https; http:// stays HTTP/1.1 unless prior knowledge. */
  readonly httpVersion: HttpVersionChoice;
  /** --doh-url: names resolved by this DNS-over-HTTPS server; --doh-insecure: its certificate not verified. */
  readonly dohUrl?: string;
  readonly dohInsecure: boolean;
  /** --hsts FILE ('' in memory only); undefined: Strict-Transport-Security is ignored. */
  readonly hsts?: string;
  /** --alt-svc FILE ('' in memory only); undefined: Alt-Svc is ignored. */
  readonly altSvc?: string;
  readonly pathAsIs: boolean;
  /** --proto, --proto-redir (curl's list syntax), --proto-default. */
  readonly proto?: string;
  readonly protoRedir?: string;
  readonly protoDefault?: string;
  /** --url-query parts, in order. */
  readonly urlQuery: readonly string[];
  /** --request-target: sent instead of the URL's path and query. */
  readonly requestTarget?: string;
  readonly cookies: CookieOptions;
  /** --expect100-timeout in seconds (default 1). */
  readonly expect100Timeout: number;
  /** --http0.9, --ignore-content-length and --raw: how an HTTP/1 reply is read. */
  readonly http1Reading: Http1Reading;
  /** --tr-encoding: ask for and undo a gzip Transfer-Encoding over HTTP/1.1. */
  readonly trEncoding: boolean;
  readonly timing: boolean;
  /** HTTP/2 PING interval in seconds; null: --no-h2-keepalive. */
  readonly h2Keepalive: number | null;
  readonly h2KeepaliveTimeout: number;
  /** -x; '' turns proxies off. */
  readonly proxy?: string;
  readonly proxyUser?: Secret;
  /** -p: CONNECT even for http:// targets. */
  readonly proxytunnel: boolean;
  /** --proxy1.0: CONNECT as HTTP/1.0. */
  readonly proxyHttp10: boolean;
  /** --proxy-header: to the proxy only (CONNECT, or requests in absolute form). */
  readonly proxyHeaders: readonly HeaderArg[];
  readonly noproxy?: string;
  readonly proxyInsecure: boolean;
  readonly proxyCacert?: string;
  /** The proxy variables of the environment, read once by cli (http_proxy, HTTPS_PROXY, ALL_PROXY, NO_PROXY…). */
  readonly proxyEnv: Readonly<Record<string, string>>;
  /** -Z: run the URLs concurrently, at most parallelMax at a time. */
  readonly parallel: boolean;
  readonly parallelMax: number;
  /** --fail-early (global): the first failed transfer ends the run with its code; with -Z no more start. */
  readonly failEarly?: boolean;
}
