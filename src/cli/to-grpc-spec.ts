// toGrpcSpec: grpcurl's command line (parsed) → a frozen GrpcSpec, with grpcurl's usage rules and exit code 2
// for a bad line; the connection part becomes the RequestSpec a plain transfer would have.
import { DEFAULT_USER_AGENT } from '../engine/index.js';
import { QurlError } from '../errors/index.js';
import type { GrpcFormat, GrpcSpec, GrpcTarget } from '../grpc/index.js';
import type { ParsedArgv } from './parse-argv.js';
import type { ParsedGrpcArgv } from './parse-grpc-argv.js';
import { toRequestSpec } from './to-request-spec.js';

const DEFAULT_CONNECT_TIMEOUT_S = 10;
const DEFAULT_MAX_MESSAGE = 4 * 1024 * 1024;

const usage = (message: string): QurlError => new QurlError('bad-option', `${message} (try 'qurl grpc -help')`);

type Values = ParsedGrpcArgv['values'];
const str = (v: Values, k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
const list = (v: Values, k: string): string[] => (Array.isArray(v[k]) ? [...(v[k] as string[])] : []);
const num = (v: Values, k: string): number | undefined => (typeof v[k] === 'number' ? (v[k] as number) : undefined);
const flag = (v: Values, k: string): boolean => v[k] === true;

interface Address {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  /** A Unix domain socket (abstract ones with a leading NUL); the host is then "localhost", as grpc-go says. */
  readonly unixSocket?: string;
}

/** grpc-go's unix targets: unix:PATH, unix://ABSOLUTE-PATH, unix-abstract:NAME; or any address with -unix. */
function unixPath(text: string, unixFlag: boolean): string | undefined {
  if (text.startsWith('unix-abstract:')) return `\0${text.slice('unix-abstract:'.length)}`;
  if (text.startsWith('unix://')) return text.slice('unix://'.length);
  if (text.startsWith('unix:')) return text.slice('unix:'.length);
  return unixFlag ? text : undefined;
}

/** `host:port`, `[v6]:port`, an http:// or https:// URL (whose scheme then says whether TLS is used), or a Unix socket. */
function parseAddress(text: string, plaintext: boolean, unixFlag: boolean): Address {
  const scheme = plaintext ? 'http' : 'https';
  const socket = unixPath(text, unixFlag);
  if (socket !== undefined) {
    if (socket === '' || socket === '\0') throw usage(`"${text}" names no socket: give unix:/path/to/socket`);
    return { scheme, host: 'localhost', port: scheme === 'https' ? 443 : 80, unixSocket: socket };
  }
  const url = /^https?:\/\//.test(text) ? text : `${scheme}://${text}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usage(`"${text}" is not an address: give host:port`);
  }
  // URL drops a default port (https://x:443 has port ''): a bare address must still name one.
  if (!/^https?:\/\//.test(text) && !/:\d+$/.test(text)) throw usage(`"${text}" has no port: give host:port`);
  const urlScheme = parsed.protocol === 'http:' ? 'http' : 'https';
  return { scheme: urlScheme, host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || (urlScheme === 'https' ? 443 : 80)) };
}

function bracket(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function format(v: Values, key: string, allowed: readonly GrpcFormat[]): GrpcFormat {
  const value = str(v, key) ?? str(v, 'format') ?? 'json';
  if (str(v, 'format') !== undefined && !['json', 'text'].includes(str(v, 'format')!)) throw usage("The -format option must be 'json' or 'text'.");
  if (!(allowed as readonly string[]).includes(value)) throw usage(`-${key} must be ${allowed.join(' or ')}`);
  return value as GrpcFormat;
}

/** -H and kin; with -expand-headers, ${NAME} becomes the environment's value (a missing one is an error, as in grpcurl). */
function headerArgs(v: Values, key: string): string[] {
  const given = list(v, key);
  if (!flag(v, 'expand-headers')) return given;
  return given.map((header) =>
    header.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
      const value = process.env[name];
      if (value === undefined) throw usage(`-${key} "${header}" refers to the environment variable ${name}, which is not set`);
      return value;
    }),
  );
}

function target(v: Values, address: string): { target: GrpcTarget; connectTo: string[]; url: string; unixSocket?: string } {
  const plaintext = flag(v, 'plaintext');
  const addr = parseAddress(address, plaintext, flag(v, 'unix'));
  const servername = str(v, 'servername');
  const authority = str(v, 'authority');
  if (servername && authority && servername !== authority) throw usage('Cannot specify different values for -servername and -authority.');
  // The TLS name is the URL's host; the real address is reached with --connect-to (curl's way of doing the same).
  const tlsName = addr.scheme === 'https' ? (servername ?? authority) : undefined;
  const host = tlsName ?? addr.host;
  const url = `${addr.scheme}://${bracket(host)}:${addr.port}`;
  const connectTo = tlsName && tlsName !== addr.host && !addr.unixSocket ? [`${bracket(tlsName)}:${addr.port}:${bracket(addr.host)}:${addr.port}`] : [];
  return { target: { baseUrl: url, authority }, connectTo, url, unixSocket: addr.unixSocket };
}

export function toGrpcSpec(parsed: ParsedGrpcArgv): GrpcSpec {
  const v = parsed.values;
  if (flag(v, 'alts') || str(v, 'alts-handshaker-service') || list(v, 'alts-target-service-account').length > 0) {
    throw usage('ALTS (Application Layer Transport Security, on Google Cloud) is not supported by qurl grpc: use TLS');
  }
  const args = [...parsed.positionals];
  const address = args[0] === 'list' || args[0] === 'describe' ? undefined : args.shift();
  const verb = args[0] === 'list' || args[0] === 'describe' ? (args.shift() as 'list' | 'describe') : 'invoke';
  const symbol = args.shift() ?? '';
  if (args.length > 0) throw usage('Too many arguments.');
  if (verb === 'invoke' && !address) throw usage(address === undefined && symbol === '' ? 'Too few arguments.' : 'No host:port specified.');
  if (verb === 'invoke' && !symbol) throw usage('Too few arguments.');
  const protos = list(v, 'proto');
  const protosets = list(v, 'protoset');
  if (!address && protos.length === 0 && protosets.length === 0) throw usage('No host:port specified, no protoset specified, and no proto sources specified.');
  if (protos.length > 0 && protosets.length > 0) throw usage('Use either -protoset files or -proto files, but not both.');
  if (flag(v, 'plaintext') && flag(v, 'insecure')) throw usage('The -plaintext and -insecure arguments are mutually exclusive.');
  if (flag(v, 'plaintext') && (str(v, 'cert') || str(v, 'key'))) throw usage('The -plaintext and -cert/-key arguments are mutually exclusive.');
  if (!str(v, 'cert') !== !str(v, 'key')) throw usage('The -cert and -key arguments must be used together and both be present.');
  const compress = str(v, 'compress');
  if (compress !== undefined && compress !== 'gzip') throw usage('-compress must be gzip');
  const useReflection = v['use-reflection'] === undefined ? protos.length === 0 && protosets.length === 0 : flag(v, 'use-reflection');
  if (!useReflection && protos.length === 0 && protosets.length === 0) throw usage('No protoset files or proto files specified and -use-reflection set to false.');

  const where = address ? target(v, address) : null;
  const verbose = flag(v, 'vv') ? 2 : flag(v, 'v') ? 1 : 0;
  const keepalive = num(v, 'keepalive-time');
  const values: Record<string, unknown> = {
    insecure: flag(v, 'insecure'),
    cacert: str(v, 'cacert'),
    cert: str(v, 'cert'),
    key: str(v, 'key'),
    resolve: list(v, 'resolve'),
    connectTo: [...(where?.connectTo ?? []), ...list(v, 'connect-to')],
    ...(where?.unixSocket === undefined ? {} : where.unixSocket.startsWith('\0') ? { abstractUnixSocket: where.unixSocket.slice(1) } : { unixSocket: where.unixSocket }),
    proxy: str(v, 'proxy'),
    // gRPC needs HTTP/2 end to end: through an HTTP proxy it always tunnels.
    proxytunnel: true,
    connectTimeout: num(v, 'connect-timeout') || DEFAULT_CONNECT_TIMEOUT_S,
    maxTime: num(v, 'max-time') || undefined,
    h2Keepalive: keepalive || undefined,
    h2KeepaliveTimeout: keepalive || undefined,
    verbose: verbose >= 1 ? verbose : undefined,
    traceFrames: str(v, 'trace-frames'),
    timing: flag(v, 'timing'),
    writeOut: str(v, 'write-out'),
    silent: true,
  };
  const transferArgv: ParsedArgv = {
    values,
    urls: [where?.url ?? 'https://reflection.invalid'],
    outputs: [],
    // Only h2 is offered by ALPN (gRPC needs HTTP/2); -plaintext is h2c by prior knowledge.
    httpVersion: flag(v, 'http3-only') ? '3-only' : flag(v, 'http3') ? '3' : '2-prior-knowledge',
  };
  const spec: GrpcSpec = {
    verb,
    symbol,
    target: where?.target ?? null,
    protos,
    importPaths: list(v, 'import-path'),
    protosets,
    useReflection,
    data: str(v, 'd'),
    formatIn: format(v, 'format-in', ['json', 'text', 'binary']),
    formatOut: format(v, 'format-out', ['json', 'text', 'binary']),
    emitDefaults: flag(v, 'emit-defaults'),
    useProtoNames: flag(v, 'use-proto-names'),
    allowUnknownFields: flag(v, 'allow-unknown-fields'),
    formatError: flag(v, 'format-error'),
    msgTemplate: flag(v, 'msg-template'),
    headers: headerArgs(v, 'H'),
    rpcHeaders: headerArgs(v, 'rpc-header'),
    reflectHeaders: headerArgs(v, 'reflect-header'),
    protosetOut: str(v, 'protoset-out'),
    protoOutDir: str(v, 'proto-out-dir'),
    userAgent: str(v, 'user-agent') ?? `${DEFAULT_USER_AGENT} grpc`,
    maxMessageBytes: num(v, 'max-msg-sz') || DEFAULT_MAX_MESSAGE,
    compress: compress === 'gzip' ? 'gzip' : null,
    verbose,
    outJson: str(v, 'out-json'),
    har: str(v, 'har'),
    transfer: toRequestSpec(transferArgv),
  };
  return Object.freeze(spec);
}
