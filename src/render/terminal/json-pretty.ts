// Re-indents (and colours) JSON text token by token, without parsing values: numbers and strings come out as the
// server wrote them (JSON.parse would round 12345678901234567890 and re-escape strings). Null for text that is
// not one well-formed JSON value, which is then shown as it came.

export interface JsonPalette {
  readonly key: (s: string) => string;
  readonly string: (s: string) => string;
  readonly number: (s: string) => string;
  readonly literal: (s: string) => string;
  readonly punctuation: (s: string) => string;
}

const plain = (s: string): string => s;
export const NO_COLORS: JsonPalette = { key: plain, string: plain, number: plain, literal: plain, punctuation: plain };

const TOKEN = /([ \t\n\r]*)(?:("(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\]:,]))/y;

type Token = { readonly kind: 'string' | 'number' | 'literal' | 'punct'; readonly text: string; readonly space: string };

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  const end = text.replace(/[ \t\n\r]+$/, '').length;
  let at = 0;
  while (at < end) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) return null;
    at = TOKEN.lastIndex;
    const space = m[1]!;
    tokens.push(m[2] !== undefined ? { kind: 'string', text: m[2], space } : m[3] !== undefined ? { kind: 'number', text: m[3], space } : m[4] !== undefined ? { kind: 'literal', text: m[4], space } : { kind: 'punct', text: m[5]!, space });
  }
  return tokens;
}

/**
 * `text` re-indented by `indent` spaces, or in its own layout when `indent` is null, coloured by `palette`, with
 * a final newline; null when it is not one JSON value.
 */
export function prettyJson(text: string, palette: JsonPalette = NO_COLORS, indent: number | null = 4): string | null {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return null;
  let i = 0;
  const out: string[] = [];
  const pad = (depth: number): string => (indent === null ? '' : `\n${' '.repeat(depth * indent)}`);
  // In its own layout each token keeps the white space before it.
  const keep = (t: Token | undefined): void => {
    if (indent === null && t) out.push(t.space);
  };
  const value = (depth: number): boolean => {
    const t = tokens[i++];
    if (!t) return false;
    keep(t);
    if (t.kind === 'string') out.push(palette.string(t.text));
    else if (t.kind === 'number') out.push(palette.number(t.text));
    else if (t.kind === 'literal') out.push(palette.literal(t.text));
    else if (t.text === '{' || t.text === '[') {
      const object = t.text === '{';
      const close = object ? '}' : ']';
      out.push(palette.punctuation(t.text));
      if (tokens[i]?.text === close && tokens[i]?.kind === 'punct') {
        keep(tokens[i++]);
        out.push(palette.punctuation(close));
        return true;
      }
      for (;;) {
        out.push(pad(depth + 1));
        if (object) {
          const key = tokens[i++];
          if (key?.kind !== 'string' || tokens[i]?.text !== ':' || tokens[i]?.kind !== 'punct') return false;
          keep(key);
          out.push(palette.key(key.text));
          keep(tokens[i++]);
          out.push(palette.punctuation(':'), indent === null ? '' : ' ');
        }
        if (!value(depth + 1)) return false;
        const next = tokens[i++];
        if (next?.kind !== 'punct') return false;
        if (next.text === close) {
          out.push(pad(depth));
          keep(next);
          out.push(palette.punctuation(close));
          break;
        }
        if (next.text !== ',') return false;
        keep(next);
        out.push(palette.punctuation(','));
      }
    } else return false;
    return true;
  };
  if (!value(0) || i !== tokens.length) return null;
  return `${out.join('')}\n`;
}
