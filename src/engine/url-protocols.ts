// Which protocols a URL may use, as curl decides it: --proto and --proto-redir lists (`=https`, `+http`,
// `-ftp`, `all`), --proto-default for a URL without a scheme, and curl's guess from a host's first label.

/** curl's default for redirects: the web's schemes (curl also allows ftp and ftps, which qurl does not speak). */
const REDIRECT_DEFAULT = ['http', 'https'];
const ALL = ['http', 'https', 'ftp', 'ftps', 'ws', 'wss', 'file', 'dict', 'ldap', 'ldaps', 'imap', 'imaps', 'pop3', 'pop3s', 'smtp', 'smtps', 'telnet', 'tftp', 'gopher', 'gophers', 'mqtt', 'rtsp', 'scp', 'sftp', 'smb', 'smbs'];

/** Lists already worked out, by base and spec: -Z asks the same question for every transfer. */
const known = new Map<string, ReadonlySet<string>>();

/** A --proto or --proto-redir list applied to `base`, left to right. */
export function protocolList(spec: string | undefined, base: readonly string[] = ALL): ReadonlySet<string> {
  const key = `${base === ALL ? '' : base.join(',')}\n${spec ?? '\0'}`;
  let set = known.get(key);
  if (!set) known.set(key, (set = applyList(spec, base)));
  return set;
}

function applyList(spec: string | undefined, base: readonly string[]): ReadonlySet<string> {
  const set = new Set(base);
  if (spec === undefined) return set;
  for (const raw of spec.split(',')) {
    const item = raw.trim().toLowerCase();
    if (item === '') continue;
    const op = '+-='.includes(item[0]!) ? item[0]! : '+';
    const name = '+-='.includes(item[0]!) ? item.slice(1) : item;
    const names = name === 'all' ? ALL : [name];
    if (op === '=') set.clear();
    for (const n of names) {
      if (op === '-') set.delete(n);
      else set.add(n);
    }
  }
  return set;
}

export function redirectProtocols(spec: string | undefined): ReadonlySet<string> {
  return protocolList(spec, REDIRECT_DEFAULT);
}

/** The scheme for a URL given without one: --proto-default, else curl's guess from the host's first label. */
export function guessedScheme(hostPart: string, protoDefault: string | undefined): string {
  if (protoDefault !== undefined) return protoDefault.toLowerCase();
  const label = /^([a-z0-9]+)\./i.exec(hostPart)?.[1]?.toLowerCase();
  return label && ['ftp', 'dict', 'ldap', 'imap', 'smtp', 'pop3'].includes(label) ? label : 'http';
}
