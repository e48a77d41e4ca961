// The option table: the single source for parsing, --help, completions and the man page.
export type OptionKind = 'flag' | 'string' | 'number' | 'list' | 'count';

export interface OptionDef {
  readonly long: string;
  readonly short?: string;
  /** The argument's name in help; absent for flags. */
  readonly arg?: string;
  readonly kind: OptionKind;
  readonly help: string;
  readonly group: 'request' | 'output' | 'connection' | 'tls' | 'trace' | 'general' | 'sse';
  /** Kept across -:/--next groups, as curl's global options are. */
  readonly global?: boolean;
}

export const OPTIONS = [
  { long: 'url', arg: 'URL', kind: 'list', group: 'request', help: 'URL to fetch (also as a plain argument)' },
  { long: 'request', short: 'X', arg: 'METHOD', kind: 'string', group: 'request', help: 'request method' },
  { long: 'header', short: 'H', arg: 'HEADER', kind: 'list', group: 'request', help: "extra header ('Name: value'; 'Name:' removes, 'Name;' sends empty; @file)" },
  { long: 'user-agent', short: 'A', arg: 'NAME', kind: 'string', group: 'request', help: 'User-Agent to send' },
  { long: 'referer', short: 'e', arg: 'URL', kind: 'string', group: 'request', help: 'Referer to send' },
  { long: 'user', short: 'u', arg: 'USER:PASS', kind: 'string', group: 'request', help: 'server user and password (Basic)' },
  { long: 'data', short: 'd', arg: 'DATA', kind: 'list', group: 'request', help: 'HTTP POST data (@file, @- for stdin; newlines stripped)' },
  { long: 'data-ascii', arg: 'DATA', kind: 'list', group: 'request', help: 'same as --data' },
  { long: 'data-raw', arg: 'DATA', kind: 'list', group: 'request', help: 'HTTP POST data, @ not special' },
  { long: 'data-binary', arg: 'DATA', kind: 'list', group: 'request', help: 'HTTP POST data as is (@file kept byte for byte)' },
  { long: 'data-urlencode', arg: 'DATA', kind: 'list', group: 'request', help: 'HTTP POST data, URL-encoded (content, name=content, @file, name@file)' },
  { long: 'json', arg: 'DATA', kind: 'list', group: 'request', help: 'HTTP POST JSON (sets Content-Type and Accept)' },
  { long: 'form', short: 'F', arg: 'NAME=CONTENT', kind: 'list', group: 'request', help: 'multipart form field (name=value, name=@file, name=<file; ;type= ;filename=)' },
  { long: 'form-string', arg: 'NAME=STRING', kind: 'list', group: 'request', help: 'multipart form field, value taken literally' },
  { long: 'upload-file', short: 'T', arg: 'FILE', kind: 'list', group: 'request', help: 'upload FILE with PUT, one per URL (- or . for stdin, streamed); a URL ending in / gets the file name' },
  { long: 'cookie', short: 'b', arg: 'DATA|FILE', kind: 'list', group: 'request', help: "send cookies: 'name=value; n2=v2' as given, or read FILE (Netscape format or Set-Cookie lines; - for stdin; \"\" starts the engine)" },
  { long: 'cookie-jar', short: 'c', arg: 'FILE', kind: 'string', group: 'request', help: 'write every cookie to FILE at the end, in Netscape format (- for stdout)' },
  { long: 'junk-session-cookies', short: 'j', kind: 'flag', group: 'request', help: 'drop session cookies read from -b files' },
  { long: 'get', short: 'G', kind: 'flag', group: 'request', help: 'put the -d data in the URL query and send GET' },
  { long: 'head', short: 'I', kind: 'flag', group: 'request', help: 'send HEAD and show the response headers' },
  { long: 'location', short: 'L', kind: 'flag', group: 'request', help: 'follow redirects' },
  { long: 'max-redirs', arg: 'NUM', kind: 'number', group: 'request', help: 'maximum redirects to follow with -L (default 50, -1 = no limit)' },
  { long: 'max-filesize', arg: 'BYTES', kind: 'string', group: 'output', help: 'refuse a body larger than BYTES (k, M, G suffixes), announced or received (decoded size); exit 63' },
  { long: 'compressed', kind: 'flag', group: 'request', help: 'ask for a compressed response (gzip, deflate, br) and decode it' },
  { long: 'path-as-is', kind: 'flag', group: 'request', help: 'send /../ and /./ in the path unchanged' },
  { long: 'request-target', arg: 'PATH', kind: 'string', group: 'request', help: 'the request target to send instead of the URL\'s path (OPTIONS *, absolute form)' },
  { long: 'expect100-timeout', arg: 'SECONDS', kind: 'number', group: 'request', help: 'how long to wait for 100 Continue before sending a large upload anyway (default 1)' },
  { long: 'http0.9', kind: 'flag', group: 'request', help: 'accept an HTTP/0.9 reply (no status line: all of it is the body)' },
  { long: 'ignore-content-length', kind: 'flag', group: 'request', help: 'ignore the Content-Length: read the body to the end of the connection' },
  { long: 'raw', kind: 'flag', group: 'request', help: 'no transfer or content decoding: the body as it came (chunked framing included)' },
  { long: 'http1.0', short: '0', kind: 'flag', group: 'request', help: 'use HTTP/1.0' },
  { long: 'http1.1', kind: 'flag', group: 'request', help: 'use HTTP/1.1' },
  { long: 'http2', kind: 'flag', group: 'request', help: 'use HTTP/2 when the server agrees (ALPN; the default for https)' },
  { long: 'http2-prior-knowledge', kind: 'flag', group: 'request', help: 'use HTTP/2 without asking: h2c on http://, only h2 offered on https://' },
  { long: 'http3', kind: 'flag', group: 'request', help: 'try HTTP/3 (QUIC) on https://, racing TCP after 200 ms; through a proxy, TCP only' },
  { long: 'http3-only', kind: 'flag', group: 'request', help: 'use HTTP/3 (QUIC) only: no TCP fallback, an error through a proxy or on http://' },
  { long: 'alt-svc', arg: 'FILE', kind: 'string', group: 'request', help: "Alt-Svc cache (curl's format; \"\" in memory): learn HTTP/3 alternatives and use them" },
  { long: 'fail', short: 'f', kind: 'flag', group: 'request', help: 'fail with exit 22 on HTTP errors (>= 400), no body output' },
  { long: 'fail-with-body', kind: 'flag', group: 'request', help: 'fail with exit 22 on HTTP errors, after writing the body' },
  { long: 'include', short: 'i', kind: 'flag', group: 'output', help: 'include the response headers in the output' },
  { long: 'output', short: 'o', arg: 'FILE', kind: 'list', group: 'output', help: 'write the body to FILE (one per URL)' },
  { long: 'remote-name', short: 'O', kind: 'count', group: 'output', help: "write the body to a file named like the URL's last segment" },
  { long: 'output-dir', arg: 'DIR', kind: 'string', group: 'output', help: 'directory for -o and -O files' },
  { long: 'create-dirs', kind: 'flag', group: 'output', help: 'create the directories -o needs' },
  { long: 'dump-header', short: 'D', arg: 'FILE', kind: 'string', group: 'output', help: 'write the received headers to FILE (- for stdout)' },
  { long: 'silent', global: true, short: 's', kind: 'flag', group: 'output', help: 'silent mode: no error messages' },
  { long: 'show-error', global: true, short: 'S', kind: 'flag', group: 'output', help: 'show error messages even with -s' },
  { long: 'no-buffer', short: 'N', kind: 'flag', group: 'output', help: 'do not buffer the output (qurl never does)' },
  { long: 'write-out', short: 'w', arg: 'FORMAT', kind: 'string', group: 'output', help: 'write FORMAT after each transfer (%{http_code}, %{json}, …; @file)' },
  { long: 'timing', kind: 'flag', group: 'output', help: 'show a waterfall of the transfer phases on stderr' },
  { long: 'verbose', global: true, short: 'v', kind: 'count', group: 'trace', help: 'show what happens: connection, TLS and headers' },
  { long: 'trace', global: true, arg: 'FILE', kind: 'string', group: 'trace', help: 'write a hex dump of all bytes sent and received (- stdout, % stderr)' },
  { long: 'trace-ascii', global: true, arg: 'FILE', kind: 'string', group: 'trace', help: 'like --trace without the hex' },
  { long: 'trace-time', global: true, kind: 'flag', group: 'trace', help: 'add a time stamp to -v and --trace lines' },
  { long: 'trace-frames', global: true, arg: 'FILE', kind: 'string', group: 'trace', help: "HTTP/2 and HTTP/3 frames both ways, nghttp style, with decoded HPACK/QPACK headers (- stdout, % stderr; -vv: stderr)" },
  { long: 'max-time', short: 'm', arg: 'SECONDS', kind: 'number', group: 'connection', help: 'maximum time for each transfer' },
  { long: 'connect-timeout', arg: 'SECONDS', kind: 'number', group: 'connection', help: 'maximum time to connect (default 300)' },
  { long: 'resolve', arg: 'HOST:PORT:ADDR', kind: 'list', group: 'connection', help: 'use ADDR for HOST:PORT' },
  { long: 'connect-to', arg: 'H1:P1:H2:P2', kind: 'list', group: 'connection', help: 'connect to H2:P2 for requests to H1:P1' },
  { long: 'unix-socket', arg: 'PATH', kind: 'string', group: 'connection', help: 'connect through this Unix domain socket instead of the network' },
  { long: 'abstract-unix-socket', arg: 'PATH', kind: 'string', group: 'connection', help: 'connect through this abstract Unix domain socket' },
  { long: 'proxy1.0', arg: 'HOST[:PORT]', kind: 'string', group: 'connection', help: 'use this HTTP proxy, asking for tunnels with HTTP/1.0 CONNECT' },
  { long: 'proxy-header', arg: 'HEADER', kind: 'list', group: 'connection', help: "extra header for the proxy only ('Name: value'; 'Name:' removes)" },
  { long: 'proxy', short: 'x', arg: '[PROTOCOL://]HOST[:PORT]', kind: 'string', group: 'connection', help: 'use this proxy (http:// default, port 1080; https://); "" turns proxies off' },
  { long: 'socks5', arg: 'HOST[:PORT]', kind: 'string', group: 'connection', help: 'SOCKS5 proxy, names resolved by qurl (same as -x socks5://)' },
  { long: 'socks5-hostname', arg: 'HOST[:PORT]', kind: 'string', group: 'connection', help: 'SOCKS5 proxy that resolves names itself (same as -x socks5h://)' },
  { long: 'proxy-user', short: 'U', arg: 'USER:PASS', kind: 'string', group: 'connection', help: 'proxy user and password (Basic)' },
  { long: 'proxytunnel', short: 'p', kind: 'flag', group: 'connection', help: 'tunnel through the HTTP proxy with CONNECT, also for http:// URLs' },
  { long: 'noproxy', arg: 'LIST', kind: 'string', group: 'connection', help: 'hosts that bypass the proxy (comma-separated, * for all)' },
  { long: 'proxy-insecure', kind: 'flag', group: 'tls', help: 'do not verify an https:// proxy\'s certificate' },
  { long: 'proxy-cacert', arg: 'FILE', kind: 'string', group: 'tls', help: "trust the CA certificates in FILE for an https:// proxy" },
  { long: 'h2-keepalive', arg: 'SECONDS', kind: 'number', group: 'connection', help: 'HTTP/2: PING the server this often, idle or streaming (default 60)' },
  { long: 'h2-keepalive-timeout', arg: 'SECONDS', kind: 'number', group: 'connection', help: 'HTTP/2: retire a connection whose PING is not answered in time (default 20)' },
  { long: 'no-h2-keepalive', kind: 'flag', group: 'connection', help: 'HTTP/2: send no keepalive PINGs' },
  { long: 'ipv4', short: '4', kind: 'flag', group: 'connection', help: 'use IPv4 addresses only' },
  { long: 'ipv6', short: '6', kind: 'flag', group: 'connection', help: 'use IPv6 addresses only' },
  { long: 'insecure', short: 'k', kind: 'flag', group: 'tls', help: 'do not verify the server certificate' },
  { long: 'cacert', arg: 'FILE', kind: 'string', group: 'tls', help: 'trust the CA certificates in FILE (PEM) instead of the system ones' },
  { long: 'capath', arg: 'DIR', kind: 'string', group: 'tls', help: 'also trust the CA certificates in DIR' },
  { long: 'cert', short: 'E', arg: 'FILE', kind: 'string', group: 'tls', help: 'client certificate file (PEM)' },
  { long: 'key', arg: 'FILE', kind: 'string', group: 'tls', help: 'client private key file (PEM)' },
  { long: 'parallel', global: true, short: 'Z', kind: 'flag', group: 'general', help: 'run the transfers in parallel (HTTP/2 multiplexes them on one connection)' },
  { long: 'parallel-max', global: true, arg: 'NUM', kind: 'number', group: 'general', help: 'at most NUM transfers at once with -Z (default 50, 1–300)' },
  { long: 'next', short: ':', kind: 'flag', group: 'general', help: 'start a new group: the URLs after it take their own options (-v, -s, --trace*, -Z stay)' },
  { long: 'config', short: 'K', arg: 'FILE', kind: 'list', group: 'general', help: "read options from FILE (curl's config syntax)" },
  { long: 'format', arg: 'pretty|raw|json|data', kind: 'string', group: 'sse', help: 'qurl sse: how to show events (pretty on a terminal, raw otherwise)' },
  { long: 'event', arg: 'NAME', kind: 'list', group: 'sse', help: 'qurl sse: only events of this type (repeatable)' },
  { long: 'count', arg: 'N', kind: 'number', group: 'sse', help: 'qurl sse: stop after N events' },
  { long: 'for', arg: 'DURATION', kind: 'string', group: 'sse', help: 'qurl sse: stop after this long (500ms, 10s, 2m)' },
  { long: 'retry-delay', arg: 'MS', kind: 'number', group: 'sse', help: "qurl sse: reconnect delay, overriding 3000 ms and the server's retry:" },
  { long: 'max-backoff', arg: 'MS', kind: 'number', group: 'sse', help: 'qurl sse: cap of the back-off after repeated failures (default 30000)' },
  { long: 'max-reconnects', arg: 'N', kind: 'number', group: 'sse', help: 'qurl sse: reconnect at most N times (0 = never; default unlimited)' },
  { long: 'last-event-id', arg: 'ID', kind: 'string', group: 'sse', help: 'qurl sse: Last-Event-ID for the first connection' },
  { long: 'idle-timeout', arg: 'SECONDS', kind: 'number', group: 'sse', help: 'qurl sse: reconnect when nothing arrives for this long' },
  { long: 'max-event-size', arg: 'BYTES', kind: 'string', group: 'sse', help: 'qurl sse: fail (exit 100) on an event over BYTES (k, M suffixes; default 4M)' },
  { long: 'version', short: 'V', kind: 'flag', group: 'general', help: 'show version and features' },
  { long: 'help', short: 'h', kind: 'flag', group: 'general', help: 'show this help' },
] as const satisfies readonly OptionDef[];

export type OptionLong = (typeof OPTIONS)[number]['long'];

export function findOption(name: string): OptionDef | undefined {
  const bare = name.replace(/^--?/, '');
  return OPTIONS.find((o: OptionDef) => o.long === bare || o.short === bare);
}
