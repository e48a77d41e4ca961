// multipart/form-data framing (RFC 7578) as curl writes it; pure: the caller supplies part contents.
export interface MultipartPartHead {
  readonly name: string;
  readonly filename?: string;
  readonly type?: string;
  /** Further header lines, after Content-Type. */
  readonly headers?: readonly string[];
  /** `form-data`, or `attachment` in a body of another multipart type (curl's rule). */
  readonly disposition?: 'form-data' | 'attachment';
}

/**
 * A quoted-string for a name or file name as curl 7.81+ writes it: `"` as %22 (the WHATWG form encoding), or
 * with `backslash` (--form-escape) `"` and `\` escaped with a backslash; CR and LF always percent-encoded.
 */
function quote(text: string, backslash: boolean): string {
  const escaped = backslash ? text.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : text.replace(/"/g, '%22');
  return escaped.replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function multipartPartHead(boundary: string, part: MultipartPartHead, backslash = false): string {
  let head = `--${boundary}\r\nContent-Disposition: ${part.disposition ?? 'form-data'}; name="${quote(part.name, backslash)}"`;
  if (part.filename !== undefined) head += `; filename="${quote(part.filename, backslash)}"`;
  head += '\r\n';
  if (part.type) head += `Content-Type: ${part.type}\r\n`;
  for (const line of part.headers ?? []) head += `${line}\r\n`;
  return `${head}\r\n`;
}

export function multipartClose(boundary: string): string {
  return `--${boundary}--\r\n`;
}

const TYPES: Readonly<Record<string, string>> = {
  txt: 'text/plain', html: 'text/html', htm: 'text/html', css: 'text/css', js: 'application/javascript',
  json: 'application/json', xml: 'application/xml', pdf: 'application/pdf', jpg: 'image/jpeg',
  jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', svg: 'image/svg+xml',
};

/** curl's guess for an uploaded file's type, from its extension. */
export function guessContentType(filename: string): string {
  const ext = filename.includes('.') ? filename.split('.').pop()!.toLowerCase() : '';
  return TYPES[ext] ?? 'application/octet-stream';
}
