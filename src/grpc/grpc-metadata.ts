// gRPC metadata (PROTOCOL-HTTP2.md "Custom-Metadata"): -H 'name: value' into header fields, `-bin` values as
// base64 both ways (padded or not on input), grpc-message percent-decoded, and the names gRPC reserves.
import { QurlError } from '../errors/index.js';
import type { HeaderList } from '../trace/index.js';

/** Fields the gRPC transport sets itself; a user's -H cannot replace them. */
const RESERVED = new Set(['content-type', 'te', 'grpc-timeout', 'grpc-encoding', 'grpc-accept-encoding', 'user-agent']);
const NAME = /^[0-9a-z_.-]+$/;

/** -H / --rpc-header / --reflect-header values ('name: value') as metadata; names lower-case, -bin values base64. */
export function parseMetadata(args: readonly string[]): HeaderList {
  return args.map((arg) => {
    // grpcurl's rule: a header without a colon is a name with an empty value.
    const colon = arg.indexOf(':');
    const name = (colon < 0 ? arg : arg.slice(0, colon)).trim().toLowerCase();
    const value = colon < 0 ? '' : arg.slice(colon + 1).trim();
    if (!NAME.test(name) || name.startsWith('grpc-') || name.startsWith(':')) {
      throw new QurlError('bad-option', `"${name}" cannot be gRPC metadata: names are 0-9 a-z _ . - and not grpc-… or :… (RFC: PROTOCOL-HTTP2.md)`);
    }
    if (RESERVED.has(name)) throw new QurlError('bad-option', `"${name}" is set by the gRPC transport itself`);
    if (/[\r\n]/.test(value)) throw new QurlError('bad-option', `header "${name}" contains CR or LF`);
    return [name, name.endsWith('-bin') ? encodeBinValue(value) : value] as const;
  });
}

/**
 * A -bin value as grpcurl reads it: base64 (any of the four alphabets/paddings) is decoded to the bytes it
 * stands for, anything else is taken as the bytes themselves; on the wire it is unpadded base64 (as grpc-go).
 */
function encodeBinValue(value: string): string {
  const decoded = decodeBase64(value);
  return decoded ? Buffer.from(decoded).toString('base64').replace(/=+$/, '') : Buffer.from(value).toString('base64').replace(/=+$/, '');
}

/** Standard or URL-safe base64, with or without '=' padding; null when `text` is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const t = text.trim();
  if (t === '' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(t) || t.replace(/=+$/, '').length % 4 === 1) return null;
  return Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** grpc-message is percent-encoded (PROTOCOL-HTTP2.md): decode it, keeping what does not decode. */
export function decodeGrpcMessage(value: string): string {
  try {
    return decodeURIComponent(value.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  } catch {
    return value;
  }
}

/** How -v shows a metadata value: -bin ones decoded back to bytes and shown as base64 (padded, as grpcurl). */
export function showMetadataValue(name: string, value: string): string {
  if (!name.endsWith('-bin')) return value;
  const bytes = decodeBase64(value);
  return bytes ? Buffer.from(bytes).toString('base64') : value;
}
