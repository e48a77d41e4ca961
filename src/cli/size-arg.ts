// Size arguments as curl reads them (--max-filesize 200K, 3m, 1G): a whole number of bytes with an optional
// k/m/g suffix (powers of 1024, either case).
import { QurlError } from '../errors/index.js';

const UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

export function parseSizeArg(value: string, option: string): number {
  const m = /^(\d+)([kmg]?)$/i.exec(value.trim());
  const bytes = m ? Number(m[1]) * UNITS[m[2]!.toLowerCase()]! : NaN;
  if (!Number.isSafeInteger(bytes)) throw new QurlError('bad-option', `${option} needs a size in bytes, with an optional k, M or G suffix (got "${value}")`);
  return bytes;
}
