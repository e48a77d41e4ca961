// dns step: turns the connect host into addresses (--resolve, literal IPs, cache, then getaddrinfo); marks namelookup.
import { isIP } from 'node:net';
import { QurlError, errorCode } from '../../errors/index.js';
import type { ResolvedAddress } from '../../trace/index.js';
import { abortable } from './abortable.js';
import { cacheAddresses, cachedAddresses } from './dns-cache.js';
import type { ConnectContext, ConnectStep, Endpoint, StepOutput } from './connect-types.js';

type Found = { readonly addresses: readonly ResolvedAddress[]; readonly how: 'lookup' | 'cache' | 'resolve-option' | 'literal' | 'localhost' | 'doh' };

/** RFC 6761 §6.3: localhost and *.localhost are the loopback addresses, without asking a resolver (as curl 7.85+). */
const LOCALHOST: readonly ResolvedAddress[] = [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }];
const isLocalhost = (host: string): boolean => /^(.+\.)?localhost\.?$/i.test(host);

function familyOf(address: string): 4 | 6 {
  return isIP(address) === 6 ? 6 : 4;
}

async function findAddresses(endpoint: Endpoint, ctx: ConnectContext, role: Role): Promise<Found> {
  const connectPort = endpoint.port;
  const host = endpoint.host;
  const override = ctx.options.resolve.find(
    (r) => r.host.toLowerCase() === host.toLowerCase() && (r.port === 0 || r.port === connectPort),
  );
  if (override) return { addresses: override.addresses.map((a) => ({ address: a, family: familyOf(a) })), how: 'resolve-option' };
  if (isIP(host)) return { addresses: [{ address: host, family: familyOf(host) }], how: 'literal' };
  if (isLocalhost(host)) return { addresses: LOCALHOST, how: 'localhost' };
  const cached = cachedAddresses(host);
  if (cached) return { addresses: cached, how: 'cache' };
  const resolver = role === 'origin' ? ctx.options.resolver : undefined;
  if (resolver) {
    const { addresses, note } = await abortable(resolver(host, ctx.signal), ctx.signal);
    ctx.trace.emit({ type: 'info', source: 'dns', connId: ctx.connId, message: note });
    cacheAddresses(host, addresses);
    return { addresses, how: 'doh' };
  }
  try {
    // node:dns costs ~7 ms to load: only for names that need it (warmTransport loads it before the clock).
    const { lookupAll } = await import('./dns-lookup.js');
    const found = await abortable(lookupAll(host), ctx.signal);
    const addresses = found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }) as const);
    cacheAddresses(host, addresses);
    return { addresses, how: 'lookup' };
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    if (role === 'proxy') throw new QurlError('proxy-resolve', `Could not resolve proxy: ${host}`, { cause: err, context: { host, step: 'dns' } });
    throw new QurlError('resolve', `Could not resolve host: ${host}${errorCode(err) ? '' : ` (${String(err)})`}`, {
      cause: err,
      context: { host, step: 'dns' },
    });
  }
}

/** 'proxy': a name that does not resolve is curl's 5, not 6. */
type Role = 'origin' | 'proxy';

/** Addresses for an endpoint, honouring --resolve, -4/-6 and the cache; reports a dns event. */
export async function resolveEndpoint(endpoint: Endpoint, ctx: ConnectContext, role: Role = 'origin'): Promise<readonly ResolvedAddress[]> {
  const found = await findAddresses(endpoint, ctx, role);
  const wanted = ctx.options.ipVersion;
  const addresses = wanted ? found.addresses.filter((a) => a.family === wanted) : found.addresses;
  if (addresses.length === 0) {
    throw new QurlError(role === 'proxy' ? 'proxy-resolve' : 'resolve', `Could not resolve host: ${endpoint.host} (no IPv${wanted} address)`, {
      context: { host: endpoint.host, step: 'dns' },
    });
  }
  ctx.trace.emit({ type: 'dns', source: 'dns', connId: ctx.connId, host: endpoint.host, addresses, how: found.how });
  return addresses;
}

export function createDnsStep(endpoint: Endpoint, role: Role = 'origin'): ConnectStep {
  return {
    name: 'dns',
    endpoint,
    provides: new Set(),
    async connect(_below, ctx): Promise<StepOutput> {
      const addresses = await resolveEndpoint(endpoint, ctx, role);
      ctx.timings.mark('namelookup');
      return { stream: null, addresses };
    },
    info: () => ({}),
    close() {},
  };
}
