// Builds the request's header list in curl's order; -H replaces, removes (`Name:`) or empties (`Name;`) defaults.
import type { HeaderList } from '../trace/index.js';
import type { HeaderArg } from './request-spec.js';

export const DEFAULT_USER_AGENT = 'qurl/0.1.0';

export interface HeaderInputs {
  readonly authority: string;
  readonly basicAuth?: string;
  readonly userAgent?: string;
  readonly referer?: string;
  readonly compressed: boolean;
  readonly contentType?: string;
  readonly jsonAccept: boolean;
  readonly custom: readonly HeaderArg[];
}

export interface BuiltHeaders {
  readonly authority: string;
  readonly headers: HeaderList;
  /** Where an HTTP/1 body's Content-Length goes: before qurl's own Content-Type, as curl sends it. */
  readonly framingAt: number;
}

/** curl's order: Authorization, User-Agent, Accept, Accept-Encoding, Referer, then -H, then the body's Content-Type. */
export function buildRequestHeaders(input: HeaderInputs): BuiltHeaders {
  const defaults: [string, string][] = [];
  if (input.basicAuth) defaults.push(['Authorization', `Basic ${input.basicAuth}`]);
  const ua = input.userAgent ?? DEFAULT_USER_AGENT;
  if (ua !== '') defaults.push(['User-Agent', ua]);
  defaults.push(['Accept', input.jsonAccept ? 'application/json' : '*/*']);
  if (input.compressed) defaults.push(['Accept-Encoding', 'deflate, gzip, br']);
  if (input.referer) defaults.push(['Referer', input.referer]);

  const customNames = new Set(input.custom.map((h) => h.name.toLowerCase()));
  let authority = input.authority;
  const headers: [string, string][] = defaults.filter(([name]) => !customNames.has(name.toLowerCase()));
  for (const h of input.custom) {
    if (h.name.toLowerCase() === 'host') {
      if (h.mode === 'set') authority = h.value;
      continue;
    }
    if (h.mode === 'remove') continue;
    headers.push([h.name, h.mode === 'empty' ? '' : h.value]);
  }
  const framingAt = headers.length;
  if (input.contentType && !customNames.has('content-type')) headers.push(['Content-Type', input.contentType]);
  return { authority, headers, framingAt };
}
