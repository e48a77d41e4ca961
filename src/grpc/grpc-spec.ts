// GrpcSpec: what `qurl grpc` was asked to do, parsed by cli/ from grpcurl's command line; plain, frozen data.
import type { RequestSpec } from '../engine/index.js';

export type GrpcVerb = 'list' | 'describe' | 'invoke';

export type GrpcFormat = 'json' | 'text' | 'binary';

export interface GrpcSpec {
  readonly verb: GrpcVerb;
  /** A service (list), a symbol (describe) or `pkg.Service/Method` (invoke); '' when none was given. */
  readonly symbol: string;
  /** The server: null for list and describe from --proto or --protoset alone. */
  readonly target: GrpcTarget | null;
  readonly protos: readonly string[];
  readonly importPaths: readonly string[];
  readonly protosets: readonly string[];
  /** Ask the server by reflection: true when no --proto/--protoset was given, or when --use-reflection says so. */
  readonly useReflection: boolean;
  /** -d: the request data ('@' for stdin, '@FILE'); undefined for an empty request (unary and server streaming). */
  readonly data?: string;
  readonly formatIn: GrpcFormat;
  readonly formatOut: GrpcFormat;
  readonly emitDefaults: boolean;
  readonly useProtoNames: boolean;
  readonly allowUnknownFields: boolean;
  /** --format-error: print the error status in the output format (JSON) instead of grpcurl's text. */
  readonly formatError: boolean;
  readonly msgTemplate: boolean;
  /** --protoset-out FILE: the descriptors used, with their dependencies, written as a FileDescriptorSet. */
  readonly protosetOut?: string;
  /** --proto-out-dir DIR: the same files as .proto sources under DIR, by import name. */
  readonly protoOutDir?: string;
  /** -H 'name: value' for every call (reflection included), then --rpc-header and --reflect-header ones, as given. */
  readonly headers: readonly string[];
  readonly rpcHeaders: readonly string[];
  readonly reflectHeaders: readonly string[];
  /** -user-agent, or qurl's own with " grpc". */
  readonly userAgent: string;
  /** --max-msg-sz: the largest response message accepted, in bytes (grpcurl's default is 4 MiB). */
  readonly maxMessageBytes: number;
  /** --compress gzip: requests are sent compressed. */
  readonly compress: 'gzip' | null;
  /** -v: 1; -vv: 2 (frames too). */
  readonly verbose: number;
  readonly outJson?: string;
  /** -har FILE: the call as a HAR 1.2 log. */
  readonly har?: string;
  /** The connection, TLS, proxy, timeout and trace settings, as a plain transfer has them. */
  readonly transfer: RequestSpec;
}

export interface GrpcTarget {
  /** The URL the call goes to (its path is replaced by the method's): https:// unless --plaintext. */
  readonly baseUrl: string;
  /** :authority to send (--authority), when not the address's. */
  readonly authority?: string;
}
