// Builds the request's header list in curl's order; -H replaces, removes (`Name:`) or empties (`Name;`) defaults.
import type { HeaderList } from '../trace/index.js';
import { ACCEPT_ENCODING } from './content-decoding.js';
import type { HeaderArg } from './request-spec.js';

export const DEFAULT_USER_AGENT = 'qurl/0.1.0';

export interface HeaderInputs {
  readonly authority: string;
  /** The Authorization value (Basic, Digest, Bearer). */
  readonly authorization?: string;
  readonly userAgent?: string;
  readonly referer?: string;
  /** The Cookie header (engine and -b literals). */
  readonly cookie?: string;
  readonly compressed: boolean;
  /** --tr-encoding: ask for a compressed Transfer-Encoding (HTTP/1.1; HTTP/2 and 3 drop both fields). */
  readonly trEncoding?: boolean;
  readonly contentType?: string;
  /** --json: Content-Type and Accept application/json, as if given with -H. */
  readonly json: boolean;
  readonly custom: readonly HeaderArg[];
  /** The request goes to an HTTP proxy in absolute form: its credentials and --proxy-header fields go with it. */
  readonly toProxy?: { readonly authorization?: string; readonly headers: readonly HeaderArg[] };
}

export interface BuiltHeaders {
  readonly authority: string;
  readonly headers: HeaderList;
  /** Where an HTTP/1 body's Content-Length goes: before qurl's own Content-Type, as curl sends it. */
  readonly framingAt: number;
  /** -H 'Host:': no Host header over HTTP/1 (HTTP/2 and 3 still need an :authority). */
  readonly omitHost: boolean;
  /** Aligned with `headers`: the line HTTP/1 sends instead of `Name: value` (a -H as typed). */
  readonly typedLines: readonly (string | undefined)[];
}

/** --json: curl adds these after the -H headers, unless -H gave them. */
function jsonHeaders(custom: readonly HeaderArg[]): HeaderArg[] {
  const given = new Set(custom.map((h) => h.name.toLowerCase()));
  return [
    { name: 'Content-Type', value: 'application/json', mode: 'set' as const },
    { name: 'Accept', value: 'application/json', mode: 'set' as const },
  ].filter((h) => !given.has(h.name.toLowerCase()));
}

/**
 * curl's order: (Proxy-Authorization), Authorization, User-Agent, Accept, Accept-Encoding, Referer,
 * (Proxy-Connection), Cookie, then -H, (--proxy-header), then the body's Content-Type.
 */
export function buildRequestHeaders(input: HeaderInputs): BuiltHeaders {
  const defaults: [string, string][] = [];
  const proxy = input.toProxy;
  if (proxy?.authorization) defaults.push(['Proxy-Authorization', proxy.authorization]);
  if (input.authorization) defaults.push(['Authorization', input.authorization]);
  const ua = input.userAgent ?? DEFAULT_USER_AGENT;
  if (ua !== '') defaults.push(['User-Agent', ua]);
  defaults.push(['Accept', '*/*']);
  if (input.trEncoding) {
    // curl adds TE to a -H Connection's value rather than sending two Connection fields.
    const connection = input.custom.find((h) => h.mode === 'set' && h.name.toLowerCase() === 'connection');
    defaults.push(['Connection', connection ? `${connection.value}, TE` : 'TE'], ['TE', 'gzip']);
  }
  if (input.compressed) defaults.push(['Accept-Encoding', ACCEPT_ENCODING]);
  if (input.referer) defaults.push(['Referer', input.referer]);
  if (proxy) defaults.push(['Proxy-Connection', 'Keep-Alive']);
  if (input.cookie) defaults.push(['Cookie', input.cookie]);

  // (-Z sends a thousand requests without a -H: no copies for them)
  const custom = input.json || (proxy && proxy.headers.length > 0) ? [...input.custom, ...(input.json ? jsonHeaders(input.custom) : []), ...(proxy?.headers ?? [])] : input.custom;
  const customNames = new Set(custom.map((h) => h.name.toLowerCase()));
  let authority = input.authority;
  let omitHost = false;
  const headers: [string, string][] = custom.length === 0 ? defaults : defaults.filter(([name]) => !customNames.has(name.toLowerCase()) || (input.trEncoding && name === 'Connection'));
  const typedLines: (string | undefined)[] = [];
  for (const h of custom) {
    if (input.trEncoding && h.name.toLowerCase() === 'connection') continue;
    if (h.name.toLowerCase() === 'host') {
      if (h.mode === 'set') authority = h.value;
      omitHost = h.mode === 'remove';
      continue;
    }
    if (h.mode === 'remove') continue;
    typedLines[headers.length] = h.line;
    headers.push([h.name, h.mode === 'empty' ? '' : h.value]);
  }
  const framingAt = headers.length;
  if (input.contentType && !customNames.has('content-type')) headers.push(['Content-Type', input.contentType]);
  return { authority, headers, framingAt, omitHost, typedLines };
}
