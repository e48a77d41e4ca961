// The option table of `qurl grpc`: grpcurl's flags as grpcurl spells them (one dash or two, `-name=value` or
// `-name value`), then qurl's own. The single source for parsing and `qurl grpc --help`.

export type GrpcOptionKind = 'flag' | 'string' | 'number' | 'list';

export interface GrpcOptionDef {
  readonly name: string;
  /** curl-style aliases qurl users know (`x` for proxy). */
  readonly aliases?: readonly string[];
  readonly arg?: string;
  readonly kind: GrpcOptionKind;
  readonly help: string;
  /** Only qurl has it (grpcurl does not). */
  readonly qurl?: boolean;
}

export const GRPC_OPTIONS = [
  { name: 'plaintext', kind: 'flag', help: 'HTTP/2 without TLS (h2c by prior knowledge)' },
  { name: 'unix', kind: 'flag', help: 'ADDRESS is the path of a Unix domain socket (or give unix:PATH)' },
  { name: 'insecure', kind: 'flag', help: "skip the server certificate's verification" },
  { name: 'cacert', arg: 'FILE', kind: 'string', help: 'trust the CA certificates in FILE' },
  { name: 'cert', arg: 'FILE', kind: 'string', help: 'client certificate (with -key)' },
  { name: 'key', arg: 'FILE', kind: 'string', help: 'client private key (with -cert)' },
  { name: 'servername', arg: 'NAME', kind: 'string', help: 'the name to verify the server certificate against' },
  { name: 'authority', arg: 'NAME', kind: 'string', help: ':authority to send (and the TLS name to verify)' },
  { name: 'proto', arg: 'FILE', kind: 'list', help: 'a .proto source file (repeatable)' },
  { name: 'import-path', arg: 'DIR', kind: 'list', help: 'where .proto imports are found (repeatable, in order)' },
  { name: 'protoset', arg: 'FILE', kind: 'list', help: 'a FileDescriptorSet file (repeatable)' },
  { name: 'use-reflection', kind: 'flag', help: 'ask the server by reflection too (the default without -proto/-protoset)' },
  { name: 'd', arg: 'DATA', kind: 'string', help: "request data: JSON, '@' for stdin (read as it arrives), '@FILE'" },
  { name: 'format', arg: 'json|text', kind: 'string', help: "request and response format: JSON, or the protobuf text format (a stream's messages separated by 0x1E)" },
  { name: 'format-in', arg: 'json|text|binary', kind: 'string', qurl: true, help: 'request format; binary: the raw protobuf message (size-delimited messages for a client stream)' },
  { name: 'format-out', arg: 'json|text|binary', kind: 'string', qurl: true, help: 'response format; binary: the raw protobuf message (size-delimited for a server stream)' },
  { name: 'emit-defaults', kind: 'flag', help: 'show fields that have their default value' },
  { name: 'use-proto-names', kind: 'flag', qurl: true, help: "JSON names as the .proto spells them, not camelCase" },
  { name: 'allow-unknown-fields', kind: 'flag', help: 'accept request JSON with fields the message lacks' },
  { name: 'format-error', kind: 'flag', help: 'print a failed status in the -format (JSON or text)' },
  { name: 'msg-template', kind: 'flag', help: 'with describe: a JSON template of the message' },
  { name: 'protoset-out', arg: 'FILE', kind: 'string', help: 'write the descriptors used (listed, described or invoked, with dependencies) as a FileDescriptorSet' },
  { name: 'proto-out-dir', arg: 'DIR', kind: 'string', help: 'write the same files as .proto sources in DIR (by import name, dependencies included)' },
  { name: 'H', arg: "'NAME: VALUE'", kind: 'list', help: 'metadata for every call, reflection included (-bin values in base64)' },
  { name: 'expand-headers', kind: 'flag', help: "expand ${NAME} in -H, -rpc-header and -reflect-header from the environment" },
  { name: 'rpc-header', arg: "'NAME: VALUE'", kind: 'list', help: 'metadata for the method call only' },
  { name: 'reflect-header', arg: "'NAME: VALUE'", kind: 'list', help: 'metadata for reflection calls only' },
  { name: 'user-agent', arg: 'NAME', kind: 'string', help: 'User-Agent to send' },
  { name: 'connect-timeout', arg: 'SECONDS', kind: 'number', help: 'maximum time to connect (default 10)' },
  { name: 'max-time', arg: 'SECONDS', kind: 'number', help: 'maximum time for the call, sent as grpc-timeout too' },
  { name: 'keepalive-time', arg: 'SECONDS', kind: 'number', help: 'PING after this long idle; retire the connection when unanswered as long' },
  { name: 'max-msg-sz', arg: 'BYTES', kind: 'number', help: 'largest response message accepted (default 4194304)' },
  { name: 'compress', arg: 'gzip', kind: 'string', qurl: true, help: 'send requests gzip-compressed' },
  { name: 'v', kind: 'flag', help: 'verbose: method, metadata, headers, trailers and counts' },
  { name: 'vv', kind: 'flag', help: 'very verbose: -v plus the HTTP/2 or HTTP/3 frames' },
  { name: 'proxy', aliases: ['x'], arg: 'URL', kind: 'string', qurl: true, help: 'through this proxy: http://, https://, socks5://, socks5h://' },
  { name: 'resolve', arg: 'HOST:PORT:ADDR', kind: 'list', qurl: true, help: 'use ADDR for HOST:PORT' },
  { name: 'connect-to', arg: 'H1:P1:H2:P2', kind: 'list', qurl: true, help: 'connect to H2:P2 for H1:P1' },
  { name: 'http3', kind: 'flag', qurl: true, help: 'HTTP/3 first, racing HTTP/2 over TCP' },
  { name: 'http3-only', kind: 'flag', qurl: true, help: 'HTTP/3 only' },
  { name: 'trace-frames', arg: 'FILE', kind: 'string', qurl: true, help: 'the frames both ways (- stdout, % stderr)' },
  { name: 'timing', kind: 'flag', qurl: true, help: 'the phases of the call on stderr' },
  { name: 'write-out', aliases: ['w'], arg: 'FORMAT', kind: 'string', qurl: true, help: "curl's -w after the call (%{json}, %{time_total}, …)" },
  { name: 'out-json', arg: 'FILE', kind: 'string', qurl: true, help: 'the whole exchange as one JSON document' },
  { name: 'har', arg: 'FILE', kind: 'string', qurl: true, help: 'the call as a HAR 1.2 log (for browser devtools and HAR viewers)' },
  { name: 'alts', kind: 'flag', help: 'ALTS (Google Cloud only): not supported; use TLS' },
  { name: 'alts-handshaker-service', arg: 'ADDR', kind: 'string', help: 'ALTS: not supported' },
  { name: 'alts-target-service-account', arg: 'NAME', kind: 'list', help: 'ALTS: not supported' },
  { name: 'version', kind: 'flag', help: 'show the version' },
  { name: 'help', kind: 'flag', help: 'show this help' },
] as const satisfies readonly GrpcOptionDef[];

export function findGrpcOption(name: string): GrpcOptionDef | undefined {
  return (GRPC_OPTIONS as readonly GrpcOptionDef[]).find((o) => o.name === name || o.aliases?.includes(name));
}
