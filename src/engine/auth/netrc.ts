// curl's .netrc (-n, --netrc-optional, --netrc-file): `machine HOST login USER password PASS` entries, a
// `default` entry for any other host, `macdef` bodies skipped up to their blank line, quoted tokens with
// backslash escapes (curl 7.84). Pure: text in, credentials out.

export interface NetrcCredentials {
  readonly login?: string;
  readonly password?: string;
}

interface Entry extends NetrcCredentials {
  /** null for `default`. */
  readonly machine: string | null;
}

function tokens(text: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const token = m[1] !== undefined ? m[1].replace(/\\(.)/g, (_s, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c) : m[2]!;
      if (m[1] === undefined && token.startsWith('#')) break;
      if (m[1] === undefined && token === 'macdef') {
        // The macro's body runs to the next blank line.
        while (i + 1 < lines.length && lines[i + 1]!.trim() !== '') i++;
        out.push('macdef');
        break;
      }
      out.push(token);
    }
  }
  return out;
}

export function parseNetrc(text: string): Entry[] {
  const entries: Entry[] = [];
  const t = tokens(text);
  let current: { machine: string | null; login?: string; password?: string } | null = null;
  for (let i = 0; i < t.length; i++) {
    const token = t[i]!;
    if (token === 'machine' || token === 'default') {
      if (current) entries.push(current);
      current = { machine: token === 'default' ? null : (t[++i] ?? '') };
    } else if (token === 'macdef') {
      if (current) entries.push(current);
      current = null;
    } else if (current && (token === 'login' || token === 'password' || token === 'account')) {
      const value = t[++i];
      if (token === 'login') current.login = value;
      else if (token === 'password') current.password = value;
    }
  }
  if (current) entries.push(current);
  return entries;
}

/** The credentials for `host`: its machine entry (the first, when `login` matches the user asked for), else default. */
export function netrcLookup(entries: readonly Entry[], host: string, user?: string): NetrcCredentials | undefined {
  const matches = (e: Entry): boolean => user === undefined || e.login === undefined || e.login === user;
  const machine = entries.find((e) => e.machine !== null && e.machine.toLowerCase() === host.toLowerCase() && matches(e));
  const found = machine ?? entries.find((e) => e.machine === null && matches(e));
  return found ? { login: found.login, password: found.password } : undefined;
}
