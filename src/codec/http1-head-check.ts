// Checks the lines of an HTTP/1.x response head for what curl refuses and what makes framing ambiguous
// (RFC 9112 §2–§6): pure, used by the response parser so that a hostile server's reply is named exactly.

export type HeadProblemKind =
  /** Not an HTTP status line at all (curl: "Received HTTP/0.9 when not allowed"). */
  | 'not-http'
  /** HTTP/x.y but no three-digit status code. */
  | 'bad-status'
  | 'no-colon'
  | 'nul'
  /** A CR not followed by LF inside the head. */
  | 'bare-cr'
  | 'bad-field-name'
  | 'bad-content-length'
  | 'conflicting-content-length'
  /** One line over curl's 100 KiB bound for a header line. */
  | 'line-too-long';

export interface HeadProblem {
  readonly kind: HeadProblemKind;
  readonly message: string;
}

const STATUS_LINE = /^HTTP\/\d\.\d (\d{3})(?: [^\r\n]*)?$/;
/** curl's bound on one header line. */
export const MAX_HEAD_LINE = 100 * 1024;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A piece of the reply for a message: quoted, escaped, and at most about 60 characters however it is made. */
function shown(text: string): string {
  const quoted = JSON.stringify(text);
  return quoted.length > 60 ? `${quoted.slice(0, 58)}…"` : quoted;
}

export function checkStatusLine(line: string): HeadProblem | null {
  if (STATUS_LINE.test(line)) return null;
  if (!/^HTTP\/\d\.\d /.test(line)) {
    return { kind: 'not-http', message: `the reply does not start with an HTTP status line: ${shown(line)}` };
  }
  return { kind: 'bad-status', message: `no three-digit status code in ${shown(line)}` };
}

function checkFieldLine(line: string): HeadProblem | null {
  if (line.startsWith(' ') || line.startsWith('\t')) return null;
  const colon = line.indexOf(':');
  if (colon < 0) return { kind: 'no-colon', message: `header line without a colon: ${shown(line)}` };
  const name = line.slice(0, colon);
  if (!TOKEN.test(name)) return { kind: 'bad-field-name', message: `header name ${shown(name)} is not a token` };
  return null;
}

/** Content-Length values must be numbers, and agree (RFC 9110 §8.6: otherwise the body's end is ambiguous). */
function checkContentLength(lines: readonly string[]): HeadProblem | null {
  const lengths = new Set<string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (line.slice(0, colon).toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    for (const v of value.split(',').map((s) => s.trim())) {
      if (!/^\d{1,15}$/.test(v)) return { kind: 'bad-content-length', message: `invalid Content-Length value ${shown(value)}` };
      lengths.add(String(Number(v)));
    }
  }
  if (lengths.size > 1) return { kind: 'conflicting-content-length', message: `conflicting Content-Length values (${[...lengths].join(' and ')}): the body's end is ambiguous` };
  return null;
}

/** The field lines of a head or trailer section (folded continuation lines included), as lines without their ends. */
export function checkFields(lines: readonly string[]): HeadProblem | null {
  for (const line of lines) {
    const problem = checkFieldLine(line);
    if (problem) return problem;
  }
  return checkContentLength(lines.filter((l) => !l.startsWith(' ') && !l.startsWith('\t')));
}
