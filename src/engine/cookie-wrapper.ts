// The cookie wrapper of the exchange chain: every hop carries the engine's cookies for its URL and then -b's
// literal ones (which, like credentials, stay on the first origin); every response's Set-Cookie is stored.
import type { CookieEngine } from '../cookies/index.js';
import { headerValues } from '../trace/index.js';
import type { HopWrapper } from './exchange-chain.js';

export function sendCookies(engine: CookieEngine | undefined, literals: readonly string[]): HopWrapper {
  return (next) => async (hop) => {
    const parts = [engine?.header(hop.url.url), ...(hop.crossedOrigin ? [] : literals)].filter((p): p is string => p !== undefined && p !== '');
    const res = await next({ ...hop, cookie: parts.length === 0 ? undefined : parts.join('; ') });
    engine?.store(hop.url.url, headerValues(res.head.headers, 'set-cookie'));
    return res;
  };
}
