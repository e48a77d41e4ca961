// --help and -V text, generated from the option table.
import { HAS_ZSTD } from '../engine/index.js';
import { loadQuicBinding } from '../transport/index.js';
import { OPTIONS, type OptionDef } from './option-table.js';

export const VERSION = '0.1.0';

/** `qurl help TOPIC`: the commands with help of their own. */
export const HELP_TOPICS: readonly string[] = ['grpc', 'sse', 'serve', 'bench'];

export const GROUPS: Readonly<Record<OptionDef['group'], string>> = {
  request: 'Request',
  output: 'Output',
  connection: 'Connection',
  tls: 'TLS',
  trace: 'Tracing',
  general: 'General',
  sse: 'qurl sse URL (Server-Sent Events)',
};

export function helpText(): string {
  const rows = (OPTIONS as readonly OptionDef[]).map((o) => ({
    o,
    left: `${o.short ? `-${o.short}, ` : '    '}--${o.long}${o.arg ? ` <${o.arg}>` : ''}`,
  }));
  const width = Math.max(...rows.map((r) => r.left.length)) + 2;
  let out =
    'Usage: qurl [options...] <url>...\n       qurl sse [options...] <url>\n       qurl grpc [flags] ADDRESS [list|describe|SERVICE/METHOD]\n' +
    '       qurl bench [options...] <url>\n       qurl serve [--help]\n       qurl help [grpc|sse|serve|bench]\n';
  for (const [group, title] of Object.entries(GROUPS)) {
    out += `\n${title}:\n`;
    for (const r of rows.filter((x) => x.o.group === group)) out += ` ${r.left.padEnd(width)}${r.o.help}\n`;
  }
  return out;
}

/** Whether this installation can speak HTTP/3: the QUIC binding is an optional dependency, for one platform. */
function quicLoads(): boolean {
  try {
    loadQuicBinding();
    return true;
  } catch {
    return false;
  }
}

/** What this installation has, in curl's -V style (curl's names where curl has the feature). */
export function versionText(): string {
  const h3 = quicLoads();
  const features = ['alt-svc', 'brotli', 'gRPC', 'HTTP2', ...(h3 ? ['HTTP3'] : []), 'HTTPS-proxy', 'IPv6', 'libz', 'SSE', 'UnixSockets', ...(HAS_ZSTD ? ['zstd'] : [])];
  return [
    `qurl ${VERSION} (node ${process.version}; OpenSSL ${process.versions.openssl}${h3 ? '; quiche' : ''})`,
    'Protocols: http https',
    `Features: ${features.join(' ')} trace timing frame-trace`,
    '',
  ].join('\n');
}
