// -J: the file name a Content-Disposition header gives (RFC 6266), made safe to create in the current directory.
import { basename } from 'node:path';

function unquote(value: string): string {
  return value.startsWith('"') ? value.slice(1, value.lastIndexOf('"') > 0 ? value.lastIndexOf('"') : undefined).replace(/\\(.)/g, '$1') : value.split(';')[0]!.trim();
}

/** The name to save as: filename*= (RFC 8187) before filename=, its directories dropped; undefined if none is usable. */
export function dispositionFileName(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  let name: string | undefined;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      name = decodeURIComponent(extended[2]!.trim());
    } catch {
      name = undefined;
    }
  }
  if (name === undefined) {
    const plain = /(?:^|;)\s*filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/i.exec(header);
    if (plain) name = unquote(plain[1]!.trim());
  }
  if (name === undefined) return undefined;
  // As curl: only the last path part, so a server cannot name ../../.bashrc or /etc/passwd.
  const safe = basename(name.replace(/\\/g, '/')).replace(/[\x00-\x1f\x7f]/g, '');
  return safe === '' || safe === '.' || safe === '..' ? undefined : safe;
}
