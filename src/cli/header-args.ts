// -H values: `Name: value`, `Name:` (remove), `Name;` (empty), `@file` (one header a line); CR/LF refused.
import { readFileSync } from 'node:fs';
import { QurlError } from '../errors/index.js';
import type { HeaderArg } from '../engine/index.js';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function parseHeaderArg(raw: string): HeaderArg {
  if (/[\r\n]/.test(raw)) throw new QurlError('bad-option', `header "${JSON.stringify(raw).slice(1, -1)}" contains CR or LF: one header per -H`);
  const semi = /^([^:;]+);\s*$/.exec(raw);
  if (semi) return checkName(asTyped({ name: semi[1]!.trim(), value: '', mode: 'empty' }, `${semi[1]!}:`), raw);
  const colon = raw.indexOf(':');
  if (colon <= 0) throw new QurlError('bad-option', `header "${raw}" is not "Name: value"`);
  const name = raw.slice(0, colon).trim();
  const value = raw.slice(colon + 1).trim();
  return checkName(asTyped({ name, value, mode: value === '' ? 'remove' : 'set' }, raw), raw);
}

/** curl sends a -H line as typed, its spacing included; the trimmed name and value serve HTTP/2 and HTTP/3. */
function asTyped(h: HeaderArg, line: string): HeaderArg {
  const plain = h.mode === 'empty' ? `${h.name}:` : `${h.name}: ${h.value}`;
  return h.mode === 'remove' || line === plain ? h : { ...h, line };
}

function checkName(h: HeaderArg, raw: string): HeaderArg {
  if (!TOKEN.test(h.name)) throw new QurlError('bad-option', `header "${raw}" has an invalid name "${h.name}"`);
  return h;
}

export function expandHeaderArgs(values: readonly string[]): HeaderArg[] {
  return values.flatMap((v) => {
    if (!v.startsWith('@')) return [parseHeaderArg(v)];
    let text: string;
    try {
      text = readFileSync(v === '@-' ? 0 : v.slice(1), 'utf8');
    } catch (err) {
      throw new QurlError('read-file', `cannot read headers from ${v.slice(1)}: ${(err as Error).message}`, { cause: err });
    }
    return text.split(/\r?\n/).filter((l) => l.trim() !== '').map(parseHeaderArg);
  });
}
