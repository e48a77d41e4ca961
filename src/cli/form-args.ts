// -F/--form values: name=value, name=@file, name=<file, with ;type= and ;filename= as curl reads them.
import { QurlError } from '../errors/index.js';
import type { FormPart } from '../engine/index.js';

export function parseFormArg(raw: string, literal = false): FormPart {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new QurlError('bad-option', `-F "${raw}" is not NAME=CONTENT`);
  const name = raw.slice(0, eq);
  const content = raw.slice(eq + 1);
  if (literal) return { name, value: content, file: false, contentFile: false };
  const file = content.startsWith('@');
  const contentFile = content.startsWith('<');
  let rest = file || contentFile ? content.slice(1) : content;
  let type: string | undefined;
  let filename: string | undefined;
  if (file || contentFile) {
    const parts = rest.split(';');
    rest = parts[0]!;
    for (const p of parts.slice(1)) {
      const [k, ...v] = p.split('=');
      const val = v.join('=').replace(/^"|"$/g, '');
      if (k?.trim() === 'type') type = val;
      else if (k?.trim() === 'filename') filename = val;
    }
  } else {
    const m = /^(.*?);type=([^;]+)$/.exec(rest);
    if (m) {
      rest = m[1]!;
      type = m[2];
    }
  }
  if ((file || contentFile) && rest === '') throw new QurlError('bad-option', `-F "${raw}" names no file`);
  return { name, value: rest, file, contentFile, type, filename };
}
