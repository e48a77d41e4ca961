// The status a call ends with (PROTOCOL-HTTP2.md): grpc-status and grpc-message from the trailers (or from the
// head of a trailers-only response), grpc-status-details-bin decoded as google.rpc.Status with its details.
import { fromBinary, toJsonString, type Registry } from '@bufbuild/protobuf';
import type { Any } from '@bufbuild/protobuf/wkt';
import { headerValue, type HeaderList } from '../trace/index.js';
import { decodeBase64, decodeGrpcMessage } from './grpc-metadata.js';
import { GRPC_CODE, codeForHttpStatus } from './grpc-status.js';

export interface CallStatus {
  readonly code: number;
  readonly message: string;
  /** Each detail as JSON text; one whose type the schema lacks as its type URL and base64 value. */
  readonly details: readonly string[];
  /** grpc-status-details-bin: the google.rpc.Status it carried, as bytes. */
  readonly statusBytes?: Uint8Array;
}

/** One detail (an Any) as grpcurl shows it: its JSON with "@type", or its type URL and base64 when unknown. */
function detailJson(any: Any, registry: Registry): string {
  const desc = registry.getMessage(any.typeUrl.slice(any.typeUrl.lastIndexOf('/') + 1));
  if (desc) {
    try {
      const body = JSON.parse(toJsonString(desc, fromBinary(desc, any.value), { registry })) as object;
      return JSON.stringify({ '@type': any.typeUrl, ...body }, null, 2);
    } catch {
      // a detail that does not decode as its type is shown as bytes, below
    }
  }
  return JSON.stringify({ '@type': any.typeUrl, value: Buffer.from(any.value).toString('base64') }, null, 2);
}

/** google.rpc.Status's details, when the schema knows google.rpc.Status (it is built in). */
function details(bin: string | undefined, registry: Registry): string[] {
  if (!bin) return [];
  const bytes = decodeBase64(bin);
  const statusDesc = registry.getMessage('google.rpc.Status');
  if (!bytes || !statusDesc) return [];
  try {
    const status = fromBinary(statusDesc, bytes) as unknown as { details: Any[] };
    return status.details.map((d) => detailJson(d, registry));
  } catch {
    return [`(grpc-status-details-bin does not decode as google.rpc.Status: ${bin.length} base64 characters)`];
  }
}

/**
 * The status from the fields that carry it: the trailers, or the head of a trailers-only response. A response
 * without grpc-status gets one from its HTTP status, as http-grpc-status-mapping.md says.
 */
export function callStatus(fields: HeaderList, httpStatus: number, registry: Registry): CallStatus {
  const raw = headerValue(fields, 'grpc-status');
  if (raw === undefined) {
    const code = httpStatus === 200 ? GRPC_CODE.UNKNOWN : codeForHttpStatus(httpStatus);
    const why = httpStatus === 200 ? 'the server sent no grpc-status' : `the server answered HTTP ${httpStatus}, not gRPC`;
    return { code, message: why, details: [] };
  }
  const code = /^\d+$/.test(raw) ? Number(raw) : GRPC_CODE.UNKNOWN;
  const message = decodeGrpcMessage(headerValue(fields, 'grpc-message') ?? '');
  const bin = headerValue(fields, 'grpc-status-details-bin');
  const statusBytes = bin ? decodeBase64(bin) : undefined;
  return {
    code,
    message: /^\d+$/.test(raw) ? message : `grpc-status "${raw}" is not a number${message ? `: ${message}` : ''}`,
    details: details(bin, registry),
    ...(statusBytes ? { statusBytes } : {}),
  };
}

