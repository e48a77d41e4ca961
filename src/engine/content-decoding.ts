// --compressed: undoes gzip, deflate and br Content-Encoding as the body streams (curl exit 61 on failure).
import type { Transform } from 'node:stream';
import { QurlError } from '../errors/index.js';

type Zlib = typeof import('node:zlib');

function decoderFor(zlib: Zlib, coding: string): Transform | null {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    case 'identity':
    case '':
      return null;
    default:
      throw new QurlError('bad-content-encoding', `Unrecognized content encoding type "${coding}" (qurl decodes gzip, deflate and br)`);
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
