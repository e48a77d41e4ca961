// --compressed: undoes gzip, deflate, br and (where Node has it, 22.15+) zstd Content-Encoding as the body
// streams (curl exit 61 on failure).
import type { Transform } from 'node:stream';
import { QurlError } from '../errors/index.js';

type Zlib = typeof import('node:zlib');

/** Node bundles zstd from 22.15 and 23.8 and says so in process.versions (asked without loading zlib). */
export const HAS_ZSTD = (process.versions as Record<string, string | undefined>).zstd !== undefined;

/** What --compressed offers, in curl's order. */
export const ACCEPT_ENCODING = HAS_ZSTD ? 'deflate, gzip, br, zstd' : 'deflate, gzip, br';

function decoderFor(zlib: Zlib, coding: string): Transform | null {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    case 'zstd':
      if (HAS_ZSTD) return (zlib as Zlib & { createZstdDecompress(): Transform }).createZstdDecompress();
      throw new QurlError('bad-content-encoding', `Unrecognized content encoding type "zstd" (this Node ${process.version} has no zstd; Node 22.15 and later do)`);
    case 'identity':
    case '':
      return null;
    default:
      throw new QurlError('bad-content-encoding', `Unrecognized content encoding type "${coding}" (qurl decodes ${ACCEPT_ENCODING})`);
  }
}

/** Decoders in the order to apply them (the reverse of the listed codings). */
export async function contentDecoders(contentEncoding: string | undefined): Promise<Transform[]> {
  if (!contentEncoding) return [];
  const codings = contentEncoding.split(',').map((c) => c.trim().toLowerCase()).reverse();
  // zlib is loaded only when a response is really encoded (start-up cost otherwise).
  const zlib = await import('node:zlib');
  return codings.map((c) => decoderFor(zlib, c)).filter((d): d is Transform => d !== null);
}

export function toDecodingError(err: unknown): QurlError {
  if (err instanceof QurlError) return err;
  return new QurlError('bad-content-encoding', `Error while processing content unencoding: ${(err as Error).message}`, { cause: err });
}
