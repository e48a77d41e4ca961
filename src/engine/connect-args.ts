// Parses --resolve and --connect-to entries (curl's syntax); cli validates with these, the engine applies them.
import { QurlError } from '../errors/index.js';
import type { ResolveOverride } from '../transport/index.js';

function splitHostPort(text: string): [string, string, string] | null {
  // host may be a bracketed IPv6 literal
  const m = /^(\[[^\]]*\]|[^:]*):([^:]*):(.*)$/.exec(text);
  return m ? [m[1]!, m[2]!, m[3]!] : null;
}

export function parseResolveEntry(entry: string): ResolveOverride {
  const body = entry.replace(/^[+-]/, '');
  const parts = splitHostPort(body);
  if (!parts || !/^\d*$/.test(parts[1]) || parts[2] === '') {
    throw new QurlError('bad-option', `--resolve "${entry}" is not HOST:PORT:ADDRESS[,ADDRESS]…`);
  }
  const addresses = parts[2].split(',').map((a) => a.trim().replace(/^\[|\]$/g, ''));
  return { host: parts[0].replace(/^\[|\]$/g, ''), port: Number(parts[1] || 0), addresses };
}

export interface ConnectToEntry {
  readonly host: string;
  readonly port: number;
  readonly toHost: string;
  readonly toPort: number;
}

export function parseConnectToEntry(entry: string): ConnectToEntry {
  const m = /^(\[[^\]]*\]|[^:]*):(\d*):(\[[^\]]*\]|[^:]*):(\d*)$/.exec(entry);
  if (!m) throw new QurlError('bad-option', `--connect-to "${entry}" is not HOST1:PORT1:HOST2:PORT2`);
  const strip = (h: string): string => h.replace(/^\[|\]$/g, '');
  return { host: strip(m[1]!), port: Number(m[2] || 0), toHost: strip(m[3]!), toPort: Number(m[4] || 0) };
}

export function applyConnectTo(entries: readonly ConnectToEntry[], host: string, port: number): { connectHost: string; connectPort: number } {
  for (const e of entries) {
    if ((e.host === '' || e.host.toLowerCase() === host.toLowerCase()) && (e.port === 0 || e.port === port)) {
      return { connectHost: e.toHost || host, connectPort: e.toPort || port };
    }
  }
  return { connectHost: host, connectPort: port };
}
