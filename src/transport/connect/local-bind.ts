// --interface and --local-port: the local addresses a connection may start from, as curl's bindlocal works
// them out (an interface name, else a host name or address; if! and host! force one reading), and the ports
// to try. Used by the tcp and quic steps.
import { networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import { QurlError } from '../../errors/index.js';
import type { LocalBind } from './connect-types.js';

/** One local address per family; a family absent cannot be connected from. */
export interface LocalAddresses {
  readonly 4?: string;
  readonly 6?: string;
}

const interfaceError = (name: string): QurlError => new QurlError('bind-failed', `Couldn't bind to interface '${name}'`);
const hostError = (name: string, cause?: unknown): QurlError => new QurlError('bind-failed', `Couldn't bind to '${name}'`, { cause });

/** An interface's addresses, link-local IPv6 left out (they need a zone); undefined when there is no such interface. */
function interfaceAddresses(name: string): LocalAddresses | undefined {
  const entries = networkInterfaces()[name];
  if (!entries) return undefined;
  const v4 = entries.find((e) => e.family === 'IPv4')?.address;
  const v6 = entries.find((e) => e.family === 'IPv6' && !e.address.toLowerCase().startsWith('fe80:'))?.address;
  return { ...(v4 && { 4: v4 }), ...(v6 && { 6: v6 }) };
}

async function hostAddresses(name: string): Promise<LocalAddresses> {
  const literal = isIP(name);
  if (literal !== 0) return { [literal]: name };
  try {
    const { lookupAll } = await import('./dns-lookup.js');
    const found = await lookupAll(name);
    const v4 = found.find((a) => a.family === 4)?.address;
    const v6 = found.find((a) => a.family === 6)?.address;
    if (!v4 && !v6) throw hostError(name);
    return { ...(v4 && { 4: v4 }), ...(v6 && { 6: v6 }) };
  } catch (err) {
    throw err instanceof QurlError ? err : hostError(name, err);
  }
}

/** The addresses --interface names; undefined when it is not given (any local address). */
export async function resolveLocalAddresses(bind: LocalBind | undefined): Promise<LocalAddresses | undefined> {
  const given = bind?.interface;
  if (!given) return undefined;
  if (given.kind !== 'host') {
    const found = interfaceAddresses(given.name);
    if (found && (found[4] || found[6])) return found;
    if (given.kind === 'if' || found) throw interfaceError(given.name);
  }
  return hostAddresses(given.name);
}

/** The local ports to try in order: [undefined] for any. */
export function localPorts(bind: LocalBind | undefined): readonly (number | undefined)[] {
  const range = bind?.ports;
  if (!range) return [undefined];
  return Array.from({ length: range.last - range.first + 1 }, (_, i) => range.first + i);
}

const BIND_REASONS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'Address already in use',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
};

/** curl's "bind failed with errno 98: Address already in use" for a failed bind. */
export function bindError(err: unknown): QurlError {
  const e = err as { code?: string; errno?: number; message?: string };
  const reason = (e.code && BIND_REASONS[e.code]) ?? e.message ?? String(err);
  return new QurlError('bind-failed', `bind failed with errno ${Math.abs(e.errno ?? 0)}: ${reason}`, { cause: err });
}

/** Whether a connect error says the local port is taken (the next one in the range may do). */
export function isPortTaken(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL';
}
