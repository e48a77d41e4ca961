// In-process DNS cache (curl keeps entries 60 s); used by the dns step.
import type { ResolvedAddress } from '../../trace/index.js';

const TTL_MS = 60_000;
const entries = new Map<string, { readonly addresses: readonly ResolvedAddress[]; readonly expires: number }>();

export function cachedAddresses(host: string): readonly ResolvedAddress[] | undefined {
  const hit = entries.get(host);
  if (!hit) return undefined;
  if (hit.expires < Date.now()) {
    entries.delete(host);
    return undefined;
  }
  return hit.addresses;
}

export function cacheAddresses(host: string, addresses: readonly ResolvedAddress[]): void {
  entries.set(host, { addresses, expires: Date.now() + TTL_MS });
}
