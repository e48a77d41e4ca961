// getaddrinfo through node:dns, in a module of its own so that a request to an IP literal or localhost never
// loads node:dns (~7 ms here).
import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';

export function lookupAll(host: string): Promise<LookupAddress[]> {
  return lookup(host, { all: true, verbatim: true });
}
