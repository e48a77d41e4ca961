// The TLS knobs of a RequestSpec from raw option values: --tlsv1.x, --tls-max, --ciphers, --tls13-ciphers,
// --pinnedpubkey, --cert FILE[:PASSWORD], --cert-type, --key-type, --pass, --crlfile (curl's words and codes).
import { QurlError } from '../errors/index.js';
import { secret, type RequestSpec, type TlsVersion } from '../engine/index.js';
import type { ParsedArgv } from './parse-argv.js';

type TlsFields = Pick<
  RequestSpec,
  'cert' | 'key' | 'certType' | 'keyType' | 'keyPassword' | 'tlsMinVersion' | 'tlsMaxVersion' | 'ciphers' | 'tls13Ciphers' | 'pinnedPubkey' | 'crlFile'
>;

const TLS_MAX: Readonly<Record<string, TlsVersion | undefined>> = { '1.0': 'TLSv1', '1.1': 'TLSv1.1', '1.2': 'TLSv1.2', '1.3': 'TLSv1.3', default: undefined };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * curl's --cert FILE[:PASSWORD]: the first colon not escaped by a backslash ends the file name; `\:` and `\\` are
 * a colon and a backslash, any other backslash stays. A pkcs11: URI is taken whole.
 */
export function splitCertArg(arg: string): { file: string; password?: string } {
  if (arg.startsWith('pkcs11:') || !/[:\\]/.test(arg)) return { file: arg };
  let file = '';
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i]!;
    if (c === ':') return i + 1 < arg.length ? { file, password: arg.slice(i + 1) } : { file };
    if (c !== '\\') file += c;
    else if (i + 1 === arg.length) file += '\\';
    else if (arg[i + 1] === '\\' || arg[i + 1] === ':') file += arg[++i];
    else file += `\\${arg[++i]!}`;
  }
  return { file };
}

/** Upper-cased as curl compares them; an unknown type fails (58) only when the certificate is loaded, as in curl. */
const fileType = (v: unknown): string => str(v)?.toUpperCase() ?? 'PEM';

function tlsMaxOf(v: unknown): TlsVersion | undefined {
  const given = str(v);
  if (given === undefined) return undefined;
  if (!(given in TLS_MAX)) throw new QurlError('bad-option', `option --tls-max: is badly used here: "${given}" is not 1.0, 1.1, 1.2, 1.3 or default`);
  return TLS_MAX[given];
}

export function tlsArgs(parsed: ParsedArgv): TlsFields {
  const v = parsed.values;
  const cert = str(v.cert) === undefined ? undefined : splitCertArg(str(v.cert)!);
  const password = cert?.password ?? str(v.pass);
  return {
    cert: cert?.file,
    key: str(v.key),
    certType: fileType(v.certType),
    keyType: fileType(v.keyType),
    keyPassword: password === undefined ? undefined : secret(password),
    tlsMinVersion: parsed.tlsMinVersion,
    tlsMaxVersion: tlsMaxOf(v.tlsMax),
    ciphers: str(v.ciphers),
    tls13Ciphers: str(v.tls13Ciphers),
    pinnedPubkey: str(v.pinnedpubkey),
    crlFile: str(v.crlfile),
  };
}
