// -w/--write-out: curl's format language (%{var}, %header{name}, %output{file}, %{json}, %{header_json},
// %{stdout}/%{stderr}, %{onerror}, \n \t \r).
import { appendFileSync, writeFileSync } from 'node:fs';
import type { TransferResult } from '../engine/index.js';
import { headerValues } from '../trace/index.js';
import { textOf, textOnlyVariables, writeOutVariables, type WriteOutValue } from './write-out-vars.js';

export { writeOutVariables } from './write-out-vars.js';

export interface WriteOutTarget {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '\\': '\\' };

/** %{json}: numbers as curl writes them (times with six decimals), missing strings as null. */
function toJson(vars: Readonly<Record<string, WriteOutValue>>): string {
  const fields = Object.entries(vars).map(([k, v]) => `${JSON.stringify(k)}:${typeof v === 'number' && k.startsWith('time_') ? v.toFixed(6) : JSON.stringify(v)}`);
  return `{${fields.join(',')}}`;
}

/** %{header_json} as curl writes it: one header name a line, names in lower case, each with its values. */
function headerJson(r: TransferResult): string {
  const obj: Record<string, string[]> = {};
  for (const [k, v] of r.headers) (obj[k.toLowerCase()] ??= []).push(v);
  return `{${Object.entries(obj).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',\n')}\n}`;
}

/** Where the text goes: stdout, stderr or a file of %output{} (truncated once per format, or >> appended). */
type Sink = (text: string) => void;

function fileSink(spec: string): Sink {
  const append = spec.startsWith('>>');
  const path = append ? spec.slice(2) : spec;
  if (!append) writeFileSync(path, '');
  return (text) => appendFileSync(path, text);
}

/** Writes the format for one transfer; unknown variables are reported on stderr, as curl does. */
export function renderWriteOut(format: string, r: TransferResult, target: WriteOutTarget): void {
  const vars = writeOutVariables(r, format.includes('%{certs}'));
  // The url.* parts parse two URLs: only for a format that names one.
  let extra: Record<string, WriteOutValue> | undefined;
  let emit: Sink = target.stdout;
  let buf = '';
  const flush = (): void => {
    if (buf) emit(buf);
    buf = '';
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '\\' && i + 1 < format.length && format[i + 1]! in ESCAPES) {
      buf += ESCAPES[format[++i]!];
      continue;
    }
    if (ch !== '%') {
      buf += ch;
      continue;
    }
    if (format[i + 1] === '%') {
      buf += '%';
      i++;
      continue;
    }
    const m = /^%(?:\{([a-z_.]+)\}|header\{([^}]*)\}|output\{([^}]*)\})/.exec(format.slice(i));
    if (!m) {
      buf += ch;
      continue;
    }
    i += m[0].length - 1;
    const [, name, header, output] = m;
    if (header !== undefined) {
      buf += headerValues(r.headers, header.toLowerCase()).join(', ');
    } else if (output !== undefined) {
      flush();
      try {
        emit = fileSink(output);
      } catch (err) {
        target.stderr(`qurl: could not open %output{${output}}: ${(err as Error).message}\n`);
        return;
      }
    } else if (name === 'stdout' || name === 'stderr') {
      flush();
      emit = name === 'stdout' ? target.stdout : target.stderr;
    } else if (name === 'onerror') {
      // curl 8.2: what follows is shown only when the transfer failed.
      if (!r.error) return flush();
    } else if (name === 'json') {
      buf += toJson(vars);
    } else if (name === 'header_json') {
      buf += headerJson(r);
    } else if (name! in vars) {
      buf += textOf(name!, vars[name!]!);
    } else if (name! in (extra ??= textOnlyVariables(r))) {
      buf += textOf(name!, extra[name!]!);
    } else {
      target.stderr(`qurl: unknown --write-out variable: '${name!}'\n`);
    }
  }
  flush();
}
