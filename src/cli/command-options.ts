// The option tables of `qurl bench` and `qurl serve`: their --help, the man page and the completions come from
// here, as the main options' come from option-table.ts and qurl grpc's from grpc-option-table.ts.

export interface CommandOption {
  readonly long: string;
  readonly short?: string;
  /** The argument's name; absent for flags. */
  readonly arg?: string;
  readonly help: string;
}

/** qurl bench's load options (h2load's and oha's names); the request itself takes curl's options. */
export const BENCH_OPTIONS: readonly CommandOption[] = [
  { short: 'n', long: 'requests', arg: 'N', help: 'requests in all (default 200)' },
  { short: 'c', long: 'clients', arg: 'N', help: 'clients, each with connections of its own (default 1)' },
  {
    short: 'm', long: 'max-concurrent-streams', arg: 'N',
    help: 'requests in flight per client: streams of one connection over HTTP/2 and HTTP/3, a connection each over HTTP/1.1, which qurl does not pipeline (default 1)',
  },
  { short: 'D', long: 'duration', arg: 'DURATION', help: 'send for this long (10s, 500ms, 2m) instead of -n requests' },
  { long: 'rate', arg: 'N', help: 'start at most N requests per second, over the whole run' },
  { long: 'json', help: 'the report as one JSON object on stdout' },
];

export const SERVE_OPTIONS: readonly CommandOption[] = [
  { long: 'host', arg: 'ADDR', help: 'the address to listen on (default 127.0.0.1)' },
  { long: 'port', arg: 'N', help: 'the HTTP/1.1 port (default: a free one)' },
  { long: 'tls-port', arg: 'N', help: 'the TLS port, h2 and HTTP/1.1 by ALPN; HTTP/3 listens on its number over UDP (default: a free one)' },
  { long: 'h2c-port', arg: 'N', help: 'the h2c port, HTTP/2 by prior knowledge (default: a free one)' },
  { long: 'ca-file', arg: 'FILE', help: 'where to write the CA of the generated certificate, for --cacert (default: a temporary file)' },
  { long: 'json', help: 'print where it listens as one JSON object' },
  { long: 'no-h3', help: 'no HTTP/3' },
  { long: 'goaway-after', arg: 'N', help: 'HTTP/2: answer N requests per connection, then GOAWAY' },
  { long: 'h2-header-table-size', arg: 'N', help: 'HTTP/2: the SETTINGS_HEADER_TABLE_SIZE to announce' },
  { long: 'h2-max-header-list-size', arg: 'N', help: 'HTTP/2: the SETTINGS_MAX_HEADER_LIST_SIZE to announce' },
  { long: 'h3-goaway-after', arg: 'N', help: 'HTTP/3: answer N requests per connection, then GOAWAY' },
  { long: 'h3-close-idle', arg: 'MS', help: 'HTTP/3: close a connection idle this long' },
  { long: 'h3-close-before-response', arg: 'N', help: 'HTTP/3: answer N requests per connection, then close it when the next one arrives' },
];

/** `  -n, --requests N   help`, aligned, help wrapped to `width` columns. */
export function optionRows(options: readonly CommandOption[], width = 110): string {
  const lefts = options.map((o) => `${o.short ? `-${o.short}, ` : '    '}--${o.long}${o.arg ? ` ${o.arg}` : ''}`);
  const col = Math.max(...lefts.map((l) => l.length)) + 3;
  return options
    .map((o, i) => {
      const words = o.help.split(' ');
      const lines: string[] = [];
      let line = '';
      for (const w of words) {
        if (line && col + 2 + line.length + 1 + w.length > width) {
          lines.push(line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      lines.push(line);
      return lines.map((l, j) => `  ${(j === 0 ? lefts[i]! : '').padEnd(col)}${l}`).join('\n');
    })
    .join('\n');
}
