// The colours of a terminal view (--style): ANSI SGR codes, nothing loaded.
import type { JsonPalette } from './json-pretty.js';

export type StyleName = 'default' | 'bright' | 'mono';
export const STYLES: readonly StyleName[] = ['default', 'bright', 'mono'];

export interface Palette extends JsonPalette {
  /** A response head's parts: the protocol, the status by its class, header names. */
  readonly protocol: (s: string) => string;
  readonly status: (code: number, s: string) => string;
  readonly name: (s: string) => string;
}

/** '' is no colour. */
const sgr = (code: string) => (s: string): string => (code === '' ? s : `\x1b[${code}m${s}\x1b[0m`);
const plain = (s: string): string => s;

function palette(hues: { key: string; string: string; number: string; literal: string; ok: string; redirect: string; client: string; server: string; name: string }): Palette {
  return {
    key: sgr(hues.key),
    string: sgr(hues.string),
    number: sgr(hues.number),
    literal: sgr(hues.literal),
    punctuation: plain,
    protocol: sgr(hues.name),
    status: (code, s) => sgr(code >= 500 ? hues.server : code >= 400 ? hues.client : code >= 300 ? hues.redirect : hues.ok)(s),
    name: sgr(hues.name),
  };
}

export function paletteFor(style: StyleName): Palette {
  if (style === 'bright') return palette({ key: '1;94', string: '92', number: '96', literal: '95', ok: '1;92', redirect: '1;93', client: '1;91', server: '1;91', name: '96' });
  if (style === 'mono') return palette({ key: '1', string: '', number: '', literal: '', ok: '1', redirect: '1', client: '1', server: '1', name: '1' });
  return palette({ key: '1;34', string: '32', number: '36', literal: '35', ok: '1;32', redirect: '1;33', client: '1;31', server: '1;31', name: '36' });
}
