// man/qurl.1, generated from the option tables (main, grpc, bench, serve) and the exit-code table, so the manual
// never disagrees with what the parser accepts. `npm run docs` writes it; a test compares.
import { EXIT_CODES } from '../../errors/index.js';
import { BENCH_OPTIONS, SERVE_OPTIONS, type CommandOption } from '../command-options.js';
import { GRPC_OPTIONS, type GrpcOptionDef } from '../grpc-option-table.js';
import { GROUPS, HELP_TOPICS, VERSION } from '../help-text.js';
import { OPTIONS, type OptionDef } from '../option-table.js';
import { EXIT_STATUS } from './exit-status.js';

/** Text for roff: backslashes and hyphens escaped, a leading dot or quote defused, other than ASCII as \\[uXXXX]. */
function roff(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/^([.'])/gm, '\\&$1')
    .replace(/[^\x00-\x7f]/gu, (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** A help line as a sentence: a capital first letter and a full stop. */
const sentence = (s: string): string => `${s[0]!.toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

const bold = (s: string): string => `\\fB${roff(s)}\\fR`;
const italic = (s: string): string => `\\fI${roff(s)}\\fR`;

function defaultOf(o: OptionDef): string | undefined {
  const m = /\(default:? ([^)]*)\)/.exec(o.help);
  if (m) return m[1];
  return o.kind === 'flag' || o.kind === 'count' ? 'off' : undefined;
}

/** `-x, --long ARG` in bold and italics. */
const dashedHead = (o: CommandOption): string => `${[...(o.short ? [bold(`-${o.short}`)] : []), bold(`--${o.long}`)].join(', ')}${o.arg ? ` ${italic(o.arg)}` : ''}`;

function mainOption(o: OptionDef): string {
  const def = defaultOf(o);
  const curl = o.group === 'sse' ? 'none (qurl sse only)' : o.qurl ? 'none (qurl only)' : roff(`--${o.long}`);
  return ['.TP', dashedHead(o), roff(sentence(o.help)), '.br', `${def ? `Default: ${roff(def)}. ` : ''}curl: ${curl}.`].join('\n');
}

function grpcOption(o: GrpcOptionDef): string {
  const names = [bold(`-${o.name}`), ...(o.aliases ?? []).map((a) => bold(a.length === 1 ? `-${a}` : `--${a}`))].join(', ');
  return ['.TP', `${names}${o.arg ? ` ${italic(o.arg)}` : ''}`, `${roff(sentence(o.help))}${o.qurl ? ' qurl only: grpcurl has no such flag.' : ''}`].join('\n');
}

function commandOption(o: CommandOption): string {
  return ['.TP', dashedHead(o), roff(sentence(o.help))].join('\n');
}

const EXAMPLES: readonly (readonly [string, string])[] = [
  ['qurl https://example.com/', 'The body to stdout.'],
  ['qurl -v -o /dev/null https://example.com/', "curl's -v: connect, TLS, the certificate, both heads."],
  ['qurl --timing https://example.com/', 'A waterfall of DNS, TCP, TLS, first byte and transfer on stderr.'],
  ["qurl -sS -w '%{http_code} %{time_total}\\n' -o /dev/null https://example.com/", 'The status and the total time, for scripts.'],
  ['qurl --http3-only https://localhost:8443/', 'HTTP/3 over QUIC, no TCP fallback.'],
  ['qurl --http2-prior-knowledge --trace-frames - http://127.0.0.1:8080/', 'HTTP/2 frames both ways with decoded HPACK headers.'],
  ['qurl -x socks5h://127.0.0.1:1080 https://example.com/', 'Through a SOCKS5 proxy that resolves the name.'],
  ["qurl grpc -plaintext -d '{\"message\": \"hi\"}' localhost:8082 qurl.demo.v1.Demo/Echo", "A unary gRPC call, as grpcurl makes it."],
  ['qurl sse --count 5 http://localhost:8080/sse/numbers', 'The first five Server-Sent Events.'],
  ['qurl bench -n 10000 -c 4 -m 10 https://localhost:8443/get', 'A load run, 4 connections of 10 streams each.'],
];

function section(title: string, body: readonly string[]): string {
  return [`.SH ${title}`, ...body].join('\n');
}

export function manPage(): string {
  const options = OPTIONS as readonly OptionDef[];
  const groups = Object.entries(GROUPS).filter(([g]) => g !== 'sse');
  const codes = [0, ...new Set(Object.values(EXIT_CODES))].sort((a, b) => a - b);
  return [
    `.TH QURL 1 "" "qurl ${VERSION}" "qurl manual"`,
    '.\\" Generated from src/cli/option-table.ts and its siblings by npm run docs: edit those, not this file.',
    section('NAME', ['qurl \\- a curl\\-like client for HTTP/1.1, HTTP/2, HTTP/3, gRPC and Server\\-Sent Events that shows what happened on the wire']),
    section('SYNOPSIS', [
      `${bold('qurl')} [${italic('options')}] ${italic('URL')} ...`, '.br',
      `${bold('qurl sse')} [${italic('options')}] ${italic('URL')}`, '.br',
      `${bold('qurl grpc')} [${italic('flags')}] ${italic('ADDRESS')} [${bold('list')} [${italic('SERVICE')}] | ${bold('describe')} [${italic('SYMBOL')}] | ${italic('SERVICE/METHOD')}]`, '.br',
      `${bold('qurl bench')} [${italic('load options')}] [${italic('options')}] ${italic('URL')}`, '.br',
      `${bold('qurl serve')} [${italic('options')}]`, '.br',
      `${bold('qurl help')} [${HELP_TOPICS.map(bold).join('|')}]`,
    ]),
    section('DESCRIPTION', [
      roff('qurl sends requests the way curl does, with curl\'s options and exit codes, over HTTP/1.0, HTTP/1.1, HTTP/2 (TLS with ALPN, or h2c by prior knowledge) and HTTP/3 over QUIC, directly or through HTTP, HTTPS and SOCKS proxies and Unix sockets.'),
      roff('What it adds is what happened on the wire: the phases of every transfer (-w, --timing), HTTP/2 and HTTP/3 frames with decoded HPACK and QPACK headers (--trace-frames), and byte dumps (--trace).'),
      '.PP',
      roff("qurl grpc takes grpcurl's command line; qurl sse follows an event stream; qurl bench is a load generator in h2load's terms; qurl serve is the test server the examples and tests use."),
    ]),
    section('OPTIONS', [
      roff("Options are curl's; a long option may be given as --name=value or shortened to any unambiguous start (--heade). Options after -: (--next) apply to the URLs after it. Any option with an argument may be written --expand-OPTION, and then {{NAME}} in its argument is the --variable NAME."),
      '.PP',
      roff("URLs (and -T names) are globbed as in curl unless -g: [1-100], [001-100] (zero-padded), [a-z], [1-100:10] (a step) and {one,two,three} each make one URL per value, several globs make every combination (the last one changing fastest), and #1, #2 ... in an -o name are what the first, second ... glob matched. \\[ \\] \\{ \\} are the characters themselves; an IPv6 literal such as [::1] is no glob."),
      ...groups.flatMap(([group, title]) => [`.SS ${roff(title)}`, ...options.filter((o) => o.group === group).map(mainOption)]),
    ]),
    section('QURL SSE', [
      roff('qurl sse URL follows a Server-Sent Events stream, reconnecting with Last-Event-ID as the specification says. It takes the request options above and these:'),
      ...options.filter((o) => o.group === 'sse').map(mainOption),
    ]),
    section('QURL GRPC', [
      roff("qurl grpc takes grpcurl's flags, with one dash or two. ADDRESS is host:port, unix:PATH, or an http:// or https:// URL; TLS is the default, -plaintext is h2c. Without -proto or -protoset the schema comes from server reflection. Response messages are printed as JSON; a failed call prints grpcurl's ERROR block and exits with 64 plus the status code."),
      ...(GRPC_OPTIONS as readonly GrpcOptionDef[]).map(grpcOption),
    ]),
    section('QURL BENCH', [
      roff("qurl bench URL sends one request again and again through qurl's engine and reports latency percentiles, a histogram, status codes, errors and throughput. The request takes the options above; the load takes these (h2load's names, in place of curl's -n, -c and -m):"),
      ...BENCH_OPTIONS.map(commandOption),
    ]),
    section('QURL SERVE', [roff('qurl serve starts the loopback test server until Ctrl-C: HTTP/1.1, TLS with h2 and HTTP/1.1, h2c, HTTP/3, gRPC with reflection and Server-Sent Events.'), ...SERVE_OPTIONS.map(commandOption)]),
    section('EXIT STATUS', [
      roff("curl's exit codes:"),
      ...codes.map((code) => ['.TP', bold(String(code)), roff(EXIT_STATUS[code] ?? '')].join('\n')),
    ]),
    section('ENVIRONMENT', [
      '.TP', bold('http_proxy'), roff('The proxy for http:// URLs (lower case only, as curl reads it).'),
      '.TP', `${bold('https_proxy')}, ${bold('HTTPS_PROXY')}`, roff('The proxy for https:// URLs.'),
      '.TP', `${bold('all_proxy')}, ${bold('ALL_PROXY')}`, roff('The proxy for URLs no other variable names.'),
      '.TP', `${bold('no_proxy')}, ${bold('NO_PROXY')}`, roff('Hosts that bypass the proxy (comma-separated, * for all); --noproxy overrides it.'),
      '.TP', bold('NO_COLOR'), roff('No colour in the output, even on a terminal.'),
      '.TP', bold('XDG_CACHE_HOME'), roff('Where the V8 code cache goes (default ~/.cache): qurl/ in it, one file per bundle and Node version.'),
      '.TP', bold('HOME'), roff('Where ~/.netrc and ~/.qurlrc are, and the cache when XDG_CACHE_HOME is not set.'),
      '.TP', bold('QURL_HOME'), roff("Where to look first for .qurlrc (curl's CURL_HOME)."),
      '.TP', bold('XDG_CONFIG_HOME'), roff('Where to look for .qurlrc and qurlrc after QURL_HOME; when it is not set, ~/.config/qurlrc is tried last.'),
    ]),
    section('FILES', [
      '.TP', bold('~/.qurlrc'),
      roff("The default config file, in curl's config syntax (see -K), read before the command line unless -q is the first argument. The first that exists of $QURL_HOME/.qurlrc, $XDG_CONFIG_HOME/.qurlrc, $XDG_CONFIG_HOME/qurlrc, $HOME/.qurlrc and, when XDG_CONFIG_HOME is not set, $QURL_HOME/.config/qurlrc and $HOME/.config/qurlrc: curl's order for .curlrc."),
      '.TP', bold('~/.netrc'), roff('Credentials by host, read with -n or --netrc-optional (--netrc-file names another file).'),
      '.TP', bold('~/.cache/qurl/'), roff('The code cache of the launcher; safe to delete.'),
    ]),
    section('EXAMPLES', EXAMPLES.flatMap(([command, what]) => ['.TP', bold(command), roff(what)])),
    section('SEE ALSO', ['.BR curl (1),', '.BR nghttp (1),', '.BR h2load (1),', roff('grpcurl')]),
    '',
  ].join('\n');
}
