// --ciphers (TLS 1.2 and older) and --tls13-ciphers (TLS 1.3) as node:tls's one `ciphers` string, which it
// splits by the TLS_ prefix. The list not given keeps Node's default, so --ciphers alone still allows TLS 1.3.
import tls from 'node:tls';
import { QurlError } from '../../errors/index.js';
import type { TlsSettings } from './connect-types.js';

const isSuite = (name: string): boolean => name.startsWith('TLS_');
/** OpenSSL takes colons, commas and spaces between names. */
const names = (list: string): string[] => list.split(/[:, ]+/).filter((n) => n !== '');

const failed12 = (list: string): QurlError => new QurlError('ssl-cipher', `failed setting cipher list: ${list}`);
const failed13 = (list: string): QurlError => new QurlError('ssl-cipher', `failed setting TLS 1.3 cipher suite: ${list}`);

function lists(settings: TlsSettings): { list12: string[]; list13: string[] } {
  const defaults = tls.DEFAULT_CIPHERS.split(':');
  // As in OpenSSL, TLS 1.3 suite names mean nothing in the TLS 1.2 list, and the other way round.
  const list12 = settings.ciphers === undefined ? defaults.filter((n) => !isSuite(n)) : names(settings.ciphers).filter((n) => !isSuite(n));
  const list13 = settings.tls13Ciphers === undefined ? defaults.filter(isSuite) : names(settings.tls13Ciphers).filter(isSuite);
  if (settings.ciphers !== undefined && list12.length === 0) throw failed12(settings.ciphers);
  if (settings.tls13Ciphers !== undefined && list13.length === 0) throw failed13(settings.tls13Ciphers);
  return { list12, list13 };
}

/** The `ciphers` option for tls.connect; undefined when neither list was given. */
export function cipherOption(settings: TlsSettings): string | undefined {
  if (settings.ciphers === undefined && settings.tls13Ciphers === undefined) return undefined;
  const { list12, list13 } = lists(settings);
  return [...list13, ...list12].join(':');
}

/** After OpenSSL's "no cipher match" from tls.connect: which of the two lists it was, in curl's words. */
export function cipherError(settings: TlsSettings, cause: unknown): QurlError {
  const { list12 } = lists(settings);
  try {
    tls.createSecureContext({ ciphers: [...tls.DEFAULT_CIPHERS.split(':').filter(isSuite), ...list12].join(':') });
  } catch {
    return Object.assign(failed12(settings.ciphers ?? ''), { cause });
  }
  return Object.assign(failed13(settings.tls13Ciphers ?? ''), { cause });
}
