// -w's variables: every one curl 8 documents, with curl's values and, for %{json}, curl's types.
import type { TransferResult } from '../engine/index.js';
import type { PeerCertificate } from '../transport/index.js';
import { headerValue } from '../trace/index.js';

/** A variable's value: a string, a number, or null where curl has none (%{json} writes null, text writes ''). */
export type WriteOutValue = string | number | null;

const seconds = (n: number): number => Math.round(n * 1e6) / 1e6;

/** A DER certificate as PEM, 64 base64 characters a line. */
function pemOf(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----`;
}

/**
 * curl's -w %{certs}: each certificate's fields and its PEM, in the order curl's OpenSSL backend lists them
 * (the fields Node reports: not the signature or every extension).
 */
function certsText(chain: readonly PeerCertificate[]): string {
  return chain
    .map((c) => [
      `Subject:${c.subject}`,
      `Issuer:${c.issuer}`,
      'Version:2',
      `Serial Number:${c.serialNumber}`,
      ...(c.keyAlgorithm ? [`Public Key Algorithm:${c.keyAlgorithm}`] : []),
      ...(c.subjectAltName ? [`X509v3 Subject Alternative Name:${c.subjectAltName}`] : []),
      `Start date:${c.validFrom}`,
      `Expire date:${c.validTo}`,
      pemOf(c.der),
    ].join('\n') + '\n')
    .join('');
}

/** curl 8.10's url.* and urle.* parts of a URL ('' for parts it lacks; the port as curl reports it, default included). */
function urlParts(prefix: 'url' | 'urle', href: string): Record<string, WriteOutValue> {
  let u: URL | undefined;
  try {
    u = new URL(href);
  } catch {
    u = undefined;
  }
  const scheme = u?.protocol.replace(':', '') ?? '';
  const zone = /^\[[^\]]*%25([^\]]+)\]/.exec(u?.host ?? '')?.[1] ?? '';
  return {
    [`${prefix}.scheme`]: scheme,
    [`${prefix}.user`]: u ? decodeURIComponent(u.username) : '',
    [`${prefix}.password`]: u ? decodeURIComponent(u.password) : '',
    [`${prefix}.options`]: '',
    [`${prefix}.host`]: u?.hostname.replace(/%25[^\]]*/, '') ?? '',
    [`${prefix}.port`]: u ? u.port || (scheme === 'https' ? '443' : scheme === 'http' ? '80' : '') : '',
    [`${prefix}.path`]: u?.pathname ?? '',
    [`${prefix}.query`]: u?.search.slice(1) ?? '',
    [`${prefix}.fragment`]: u?.hash.slice(1) ?? '',
    [`${prefix}.zoneid`]: zone,
  };
}

/** The version line %{curl_version} gives: qurl's and the runtime's. */
function versionLine(): string {
  const v = process.versions;
  return `qurl/0.1.0 node/${v.node} OpenSSL/${v.openssl} zlib/${v.zlib ?? '-'} brotli/${v.brotli ?? '-'} nghttp2/${v.nghttp2 ?? '-'}`;
}

/**
 * Every %{name}, in curl's spelling. Values are what %{json} writes; text output writes null as ''.
 * `withCerts`: read the certificate chain (only when the format asks for it).
 */
export function writeOutVariables(r: TransferResult, withCerts = false): Record<string, WriteOutValue> {
  const total = r.times.total;
  const chain = withCerts && r.peerCertificates ? r.peerCertificates() : [];
  const orNull = (s: string): string | null => (s === '' ? null : s);
  return {
    certs: chain.length > 0 ? certsText(chain) : '',
    conn_id: r.connId,
    content_type: orNull(headerValue(r.headers, 'content-type') ?? ''),
    errormsg: r.error ? r.error.message : null,
    exitcode: r.error?.exitCode ?? 0,
    filename_effective: orNull(r.filenameEffective),
    ftp_entry_path: null,
    http_code: r.status,
    http_connect: r.httpConnect,
    http_version: r.httpVersion,
    local_ip: r.localIp,
    local_port: r.localPort,
    method: r.method,
    num_certs: r.peerCertificates ? (withCerts ? chain.length : r.peerCertificates().length) : 0,
    num_connects: r.numConnects,
    num_headers: r.headers.length,
    num_redirects: r.numRedirects,
    num_retries: r.numRetries,
    proxy_ssl_verify_result: 0,
    proxy_used: r.proxyUsed ? 1 : 0,
    redirect_url: orNull(r.redirectUrl),
    referer: orNull(r.referer),
    remote_ip: r.remoteIp,
    remote_port: r.remotePort,
    response_code: r.status,
    // curl's is the last connection's: none when no connection was made.
    scheme: r.status === 0 && r.remoteIp === '' ? null : r.scheme.toUpperCase(),
    size_download: r.sizeDownload,
    size_header: r.sizeHeader,
    size_request: r.sizeRequest,
    size_upload: r.sizeUpload,
    speed_download: total > 0 ? Math.round(r.sizeDownload / total) : 0,
    speed_upload: total > 0 ? Math.round(r.sizeUpload / total) : 0,
    ssl_verify_result: r.sslVerifyResult,
    time_appconnect: seconds(r.times.appconnect),
    time_connect: seconds(r.times.connect),
    time_namelookup: seconds(r.times.namelookup),
    time_posttransfer: seconds(r.times.posttransfer),
    time_pretransfer: seconds(r.times.pretransfer),
    // qurl starts a transfer's clock when the transfer starts: it never waits in a queue inside it.
    time_queue: 0,
    time_redirect: seconds(r.times.redirect),
    time_starttransfer: seconds(r.times.starttransfer),
    time_total: seconds(total),
    tls_earlydata: 0,
    url: r.url,
    url_effective: r.urlEffective,
    urlnum: r.urlNum,
    xfer_id: r.transferId,
    curl_version: versionLine(),
  };
}

/** The variables only text output has (they are not in %{json}). */
export function textOnlyVariables(r: TransferResult): Record<string, WriteOutValue> {
  return { ...urlParts('url', r.url), ...urlParts('urle', r.urlEffective) };
}

/** How text output prints a value: zero-padded codes and microsecond times, as curl. */
export function textOf(name: string, value: WriteOutValue): string {
  if (value === null) return '';
  if (name === 'http_code' || name === 'response_code' || name === 'http_connect') return String(value).padStart(3, '0');
  if (name.startsWith('time_')) return (value as number).toFixed(6);
  return String(value);
}
