// --help and -V text, generated from the option table.
import { OPTIONS, type OptionDef } from './option-table.js';

export const VERSION = '0.1.0';

const GROUPS: Readonly<Record<OptionDef['group'], string>> = {
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
  let out = 'Usage: qurl [options...] <url>...\n       qurl sse [options...] <url>\n       qurl serve [--help]\n';
  for (const [group, title] of Object.entries(GROUPS)) {
    out += `\n${title}:\n`;
    for (const r of rows.filter((x) => x.o.group === group)) out += ` ${r.left.padEnd(width)}${r.o.help}\n`;
  }
  return out;
}

export function versionText(): string {
  return [
    `qurl ${VERSION} (node ${process.version}; OpenSSL ${process.versions.openssl})`,
    'Protocols: http https',
    'Features: HTTP/1.1 HTTP2 HTTPS IPv6 libz brotli alt-names trace timing frame-trace',
    '',
  ].join('\n');
}
