// -w/--write-out: curl's format language (%{var}, %header{name}, %{json}, %{stderr}/%{stdout}, \n \t \r).
import type { TransferResult } from '../engine/index.js';
import { headerValue, headerValues } from '../trace/index.js';

export interface WriteOutTarget {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

type Value = string | number;

function seconds(n: number): string {
  return n.toFixed(6);
}

/** Every %{name} qurl knows, in curl's spelling; numbers print as curl prints them. */
export function writeOutVariables(r: TransferResult): Record<string, Value> {
  const code = String(r.status).padStart(3, '0');
  const total = r.times.total;
  return {
    content_type: headerValue(r.headers, 'content-type') ?? '',
    errormsg: r.error?.message ?? '',
    exitcode: r.error?.exitCode ?? 0,
    http_code: code,
    http_connect: String(r.httpConnect).padStart(3, '0'),
    proxy_used: r.proxyUsed ? 1 : 0,
    http_version: r.httpVersion,
    local_ip: r.localIp,
    local_port: r.localPort,
    method: r.method,
    num_connects: r.numConnects,
    num_headers: r.headers.length,
    num_redirects: r.numRedirects,
    redirect_url: r.redirectUrl,
    remote_ip: r.remoteIp,
    remote_port: r.remotePort,
    response_code: code,
    scheme: r.scheme.toUpperCase(),
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
    time_pretransfer: seconds(r.times.pretransfer),
    time_redirect: seconds(r.times.redirect),
    time_starttransfer: seconds(r.times.starttransfer),
    time_total: seconds(r.times.total),
    url: r.urlEffective,
    url_effective: r.urlEffective,
  };
}

const NUMERIC_IN_JSON = /^(time_|size_|speed_|num_|exitcode|local_port|remote_port|ssl_verify_result)/;

function toJson(r: TransferResult): string {
  const vars = writeOutVariables(r);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(vars)) out[k] = NUMERIC_IN_JSON.test(k) ? Number(v) : v;
  out.http_code = r.status;
  out.response_code = r.status;
  return JSON.stringify(out);
}

/** Writes the format for one transfer; unknown variables are reported once on stderr, as curl does. */
export function renderWriteOut(format: string, r: TransferResult, target: WriteOutTarget): void {
  const vars = writeOutVariables(r);
  let emit = target.stdout;
  let buf = '';
  const flush = (): void => {
    if (buf) emit(buf);
    buf = '';
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '\\' && i + 1 < format.length) {
      const next = format[i + 1]!;
      const esc: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\' };
      if (next in esc) {
        buf += esc[next];
        i++;
        continue;
      }
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
    const m = /^%(\{([a-z_]+)\}|header\{([^}]*)\})/.exec(format.slice(i));
    if (!m) {
      buf += ch;
      continue;
    }
    i += m[0].length - 1;
    if (m[3] !== undefined) {
      const name = m[3].toLowerCase();
      buf += headerValues(r.headers, name).join(', ');
      continue;
    }
    const name = m[2]!;
    if (name === 'stdout' || name === 'stderr') {
      flush();
      emit = name === 'stdout' ? target.stdout : target.stderr;
    } else if (name === 'json') {
      buf += toJson(r);
    } else if (name === 'header_json') {
      const obj: Record<string, string[]> = {};
      for (const [k, v] of r.headers) (obj[k.toLowerCase()] ??= []).push(v);
      buf += JSON.stringify(obj);
    } else if (name in vars) {
      buf += String(vars[name]);
    } else {
      target.stderr(`qurl: unknown --write-out variable: '${name}'\n`);
    }
  }
  flush();
}
