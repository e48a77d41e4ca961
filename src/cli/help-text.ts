// --help and -V text, generated from the option table.
import { HAS_ZSTD } from '../engine/index.js';
import { loadQuicBinding } from '../transport/index.js';
import { QurlError } from '../errors/index.js';
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

/** curl's --help categories that qurl's groups answer. */
const CATEGORY_ALIASES: Readonly<Record<string, OptionDef['group']>> = { http: 'request', post: 'request', upload: 'request', auth: 'request', verbose: 'trace', debug: 'trace', misc: 'general', curl: 'general', proxy: 'connection', dns: 'connection' };

/** The categories `qurl --help CATEGORY` takes, for the list and the completions. */
export const HELP_CATEGORIES: readonly string[] = ['all', 'category', ...Object.keys(GROUPS), ...Object.keys(CATEGORY_ALIASES)];

/** --help [CATEGORY]: every option (all, or none given), the list of categories, or one category's options. */
export function helpText(category: string | true = true): string {
  if (category === 'category') {
    const rows = Object.entries(GROUPS).map(([group, title]) => ` ${group.padEnd(12)}${title}`);
    const aliases = Object.entries(CATEGORY_ALIASES).map(([name, group]) => `${name} (${group})`).join(', ');
    return `Categories for qurl --help CATEGORY:\n${rows.join('\n')}\n all         every option\ncurl's names: ${aliases}\n`;
  }
  const only = category === true || category === 'all' ? undefined : Object.hasOwn(GROUPS, category) ? (category as OptionDef['group']) : Object.hasOwn(CATEGORY_ALIASES, category) ? CATEGORY_ALIASES[category] : undefined;
  if (category !== true && category !== 'all' && only === undefined) {
    throw new QurlError('bad-option', `--help: no category "${category}" (qurl --help category lists them)`);
  }
  const rows = (OPTIONS as readonly OptionDef[]).filter((o) => only === undefined || o.group === only).map((o) => ({
    o,
    left: `${o.short ? `-${o.short}, ` : '    '}--${o.long}${o.arg === undefined ? '' : o.arg.startsWith('[') ? ` ${o.arg}` : ` <${o.arg}>`}`,
  }));
  const width = Math.max(...rows.map((r) => r.left.length)) + 2;
  let out =
    'Usage: qurl [options...] <url>...\n       qurl sse [options...] <url>\n       qurl grpc [flags] ADDRESS [list|describe|SERVICE/METHOD]\n' +
    `       qurl bench [options...] <url>\n       qurl serve [--help]\n       qurl help [${HELP_TOPICS.join('|')}]\n`;
  for (const [group, title] of Object.entries(GROUPS)) {
    if (only !== undefined && group !== only) continue;
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
