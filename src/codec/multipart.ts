// multipart/form-data framing (RFC 7578) as curl writes it; pure: the caller supplies part contents.
export interface MultipartPartHead {
  readonly name: string;
  readonly filename?: string;
  readonly type?: string;
}

function quote(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function multipartPartHead(boundary: string, part: MultipartPartHead): string {
  let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quote(part.name)}"`;
  if (part.filename !== undefined) head += `; filename="${quote(part.filename)}"`;
  head += '\r\n';
  if (part.type) head += `Content-Type: ${part.type}\r\n`;
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
