// What a person sees when the body goes to a terminal, as HTTPie and xh show it and without touching curl's
// scripts: JSON re-indented and coloured, -i heads coloured, and (curl's rule) a binary body refused unless
// `-o -` says to write it there. Pipes and files get the bytes as they came unless --pretty asks otherwise.
import { Writable } from 'node:stream';
import type { BodyPresenter } from '../../engine/index.js';
import { QurlError } from '../../errors/index.js';
import { headerValue } from '../../trace/index.js';
import { prettyJson } from './json-pretty.js';
import { paletteFor, type StyleName } from './palette.js';

export interface PresenterOptions {
  /** Re-indent JSON bodies. */
  readonly format: boolean;
  /** Colour JSON and heads. */
  readonly colors: boolean;
  readonly style: StyleName;
  /** stdout is a terminal: binary bodies are refused there. */
  readonly terminal: boolean;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Past this a JSON body is written as it came: formatting holds the whole body in memory. */
const MAX_FORMATTED = 16 * 1024 * 1024;

const BINARY = new QurlError(
  'write',
  'Binary output can mess up your terminal. Use "--output -" to tell qurl to output it to your terminal anyway, or consider "--output <FILE>" to save to a file.',
);

const isJson = (contentType: string | undefined): boolean => contentType !== undefined && /^application\/(?:[\w.+-]+\+)?json\b|^text\/json\b/i.test(contentType.trim());

/** Writes to `out` with its backpressure; never ends it. */
function forward(out: Writable, chunk: Uint8Array, cb: (err?: Error | null) => void): void {
  if (out.write(chunk)) cb();
  else out.once('drain', () => cb());
}

export function createStdoutPresenter(options: PresenterOptions): BodyPresenter {
  const palette = options.colors ? paletteFor(options.style) : null;
  return {
    head(raw) {
      if (!palette) return raw;
      const text = Buffer.from(raw).toString('latin1');
      const coloured = text.replace(/^(HTTP\/[\d.]+)( (\d{3})(.*))?(\r?\n)/, (_m, proto: string, rest: string | undefined, code: string | undefined, reason: string | undefined, eol: string) =>
        rest === undefined ? `${palette.protocol(proto)}${eol}` : `${palette.protocol(proto)} ${palette.status(Number(code), `${code}${reason ?? ''}`)}${eol}`,
      ).replace(/^([!#$%&'*+.^_`|~0-9A-Za-z-]+):/gm, (_m, name: string) => `${palette.name(name)}:`);
      return Buffer.from(coloured, 'latin1');
    },
    body(head, out, explicit) {
      const json = (options.format || palette) && isJson(headerValue(head.headers, 'content-type'));
      if (json) return jsonSink(out, options.format ? 4 : null, palette ?? undefined);
      if (!options.terminal || explicit) return null;
      return new Writable({
        write(chunk: Buffer, _enc, cb) {
          if (chunk.includes(0)) return cb(BINARY);
          forward(out, chunk, cb);
        },
      });
    },
  };
}

/** Holds a JSON body, then writes it re-indented (null: in its own layout) and coloured; not JSON after all: as it came. */
function jsonSink(out: Writable, indent: number | null, palette: Parameters<typeof prettyJson>[1] | undefined): Writable {
  let held: Buffer[] | null = [];
  let size = 0;
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!held) return forward(out, chunk, cb);
      held.push(chunk);
      size += chunk.length;
      if (size <= MAX_FORMATTED) return cb();
      const all = Buffer.concat(held);
      held = null;
      forward(out, all, cb);
    },
    final(cb) {
      if (!held) return cb();
      const raw = Buffer.concat(held);
      held = null;
      let pretty: string | null = null;
      try {
        // Not UTF-8 after all: shown as it came, rather than with replacement characters.
        pretty = prettyJson(UTF8.decode(raw), palette, indent);
      } catch {}
      forward(out, pretty === null ? raw : Buffer.from(pretty), cb);
    },
  });
}
