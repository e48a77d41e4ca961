// --tlsv1.x and --tls-max as node:tls's minVersion and maxVersion, with curl's rules: a maximum under the
// minimum is exit 35, and a maximum under Node's floor (TLS 1.2) lowers the floor, as curl's is TLS 1.0.
import { QurlError } from '../../errors/index.js';
import type { TlsSettings, TlsVersion } from './connect-types.js';

const ORDER: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const rank = (v: TlsVersion): number => ORDER.indexOf(v);

export function versionBounds(settings: TlsSettings): { minVersion?: TlsVersion; maxVersion?: TlsVersion } {
  const { minVersion: min, maxVersion: max } = settings;
  if (min && max && rank(min) > rank(max)) {
    throw new QurlError('tls', `TLS versions: --tls-max ${max.replace('TLSv', '')} is below the minimum ${min} (CURL_SSLVERSION_MAX incompatible with CURL_SSLVERSION)`);
  }
  const floor = min ?? (max && rank(max) < rank('TLSv1.2') ? 'TLSv1' : undefined);
  return { ...(floor && { minVersion: floor }), ...(max && { maxVersion: max }) };
}
