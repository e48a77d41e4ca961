// The one table from error kind to curl's exit code; cli/main.ts exits with it.
export const EXIT_CODES = {
  'unsupported-protocol': 1,
  'bad-option': 2,
  'bad-url': 3,
  /** A feature this build or platform lacks (HTTP/3 without its QUIC binding): curl's CURLE_NOT_BUILT_IN. */
  'not-built-in': 4,
  'proxy-resolve': 5,
  resolve: 6,
  connect: 7,
  'weird-reply': 8,
  h2: 16,
  /** The peer did not acknowledge a keepalive PING in time: the connection is retired. */
  'h2-ping-timeout': 16,
  'partial-file': 18,
  'http-fail': 22,
  write: 23,
  'read-file': 26,
  timeout: 28,
  /** -C against a server that does not resume (no 206, or another start): curl's CURLE_RANGE_ERROR. */
  'range-error': 33,
  tls: 35,
  /** A local address that cannot be bound (--interface, --local-port; qurl serve's listener): curl's CURLE_INTERFACE_FAILED. */
  'bind-failed': 45,
  'too-many-redirects': 47,
  'empty-reply': 52,
  send: 55,
  recv: 56,
  /** The peer reset the connection before any byte of a reply: a kept-alive connection may have been dead. */
  'reset-before-reply': 56,
  'client-cert': 58,
  /** --ciphers or --tls13-ciphers names no cipher OpenSSL knows: curl's CURLE_SSL_CIPHER. */
  'ssl-cipher': 59,
  /** --max-filesize: the announced or the received (decoded) size is over it. */
  'filesize-exceeded': 63,
  cert: 60,
  'bad-content-encoding': 61,
  'ca-file': 77,
  /** --crlfile cannot be read or holds no CRL: curl's CURLE_SSL_CRL_BADFILE. */
  'crl-file': 82,
  /** --pinnedpubkey: the server's public key is not the pinned one: curl's CURLE_SSL_PINNEDPUBKEYNOTMATCH. */
  'pinned-pubkey': 90,
  'h2-stream': 92,
  /** REFUSED_STREAM or above a GOAWAY's last-stream-id: never processed, safe to send again (RFC 9113 §8.7). */
  'h2-refused': 92,
  h3: 95,
  /** H3_REQUEST_REJECTED, or at/above a GOAWAY's id: never processed, safe to send again (RFC 9114 §4.1.1, §5.2). */
  'h3-refused': 95,
  /** The QUIC connection ended before any response to the request: a reused connection may have been dead. */
  'h3-closed': 95,
  proxy: 97,
  /** The proxy answered CONNECT with a non-2xx status (407 included): curl's 56. */
  'proxy-refused': 56,
  aborted: 42,
  /** gRPC: a call ended with a non-OK status; the exit code is 64 + the status (grpcurl's rule, grpc/exit-code.ts). */
  'grpc-status': 64,
  /** gRPC: a schema that cannot be loaded, a method not found, a message that does not parse (grpcurl exits 1). */
  'grpc-schema': 1,
  /** gRPC: a call that failed outside gRPC's status (cannot connect, TLS…): grpcurl exits 1. */
  'grpc-failure': 1,
  /** curl 8.6's CURLE_TOO_LARGE: a response part (headers, an event) over qurl's bound. */
  'too-large': 100,
} as const;

export type ErrorKind = keyof typeof EXIT_CODES;

/** curl's own wording for `%{errormsg}`-less cases and `-w %{exitcode}` documentation. */
export function exitCodeOf(kind: ErrorKind): number {
  return EXIT_CODES[kind];
}
