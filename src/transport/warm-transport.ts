// warmTransport: loads and initialises, before any transfer's clock starts, what its connections will need —
// node:tls and OpenSSL's root store for https, node:http2 and the h2 module where h2 may be spoken, the QUIC
// binding for HTTP/3 — so that -w and --timing measure the network, not qurl's first use of a module.
import { isIPv6 } from 'node:net';
import { openSocket, type TlsSettings } from './connect/index.js';
import type { HttpVersionChoice } from './protocol-connection.js';

export interface WarmPlan {
  /** The TLS settings of an https origin or proxy a transfer will reach. */
  readonly tls: readonly TlsSettings[];
  readonly versions: readonly HttpVersionChoice[];
  readonly scheme: readonly ('http' | 'https')[];
  /** Whether a host is a name or an IPv6 literal (not an IPv4 literal). */
  readonly namedHosts: boolean;
  /** Whether a host will be looked up (a name other than localhost): node:dns is loaded only then. */
  readonly lookups: boolean;
  /** Whether a transfer connects over TCP. */
  readonly tcp: boolean;
}

/**
 * Node's first TCP connect in a process takes ~4 ms more than the next (its connect path runs for the first
 * time). Connecting to port 0 on loopback, which the kernel refuses at once, runs that path without a
 * listener or a packet leaving the machine (a listener of our own would load node:cluster and cost twice as
 * much). The tcp step's path for one address, and for a name (which may have several) the one that races
 * them — only then: it hands Node a name, and Node's isIP() then compiles its IPv6 pattern (7 ms here). Bounded:
 * over within 100 ms whatever happens.
 */
async function warmTcp(named: boolean): Promise<void> {
  const loopback = { address: '127.0.0.1', family: 4 } as const;
  const refused = Promise.allSettled([openSocket([loopback], 0), ...(named ? [openSocket([loopback, loopback], 0)] : [])]).then((sockets) => {
    for (const s of sockets) if (s.status === 'fulfilled') s.value.destroy();
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([refused, new Promise<void>((resolve) => (timer = setTimeout(resolve, 100)))]);
  clearTimeout(timer);
}

export async function warmTransport(plan: WarmPlan): Promise<void> {
  // net.isIP compiles its IPv6 pattern on the first name it is given (7 ms here), and V8 compiles it again to
  // machine code on the second (1.5 ms); the dns step and tls.connect ask it about every name: both now.
  if (plan.namedHosts) for (let i = 0; i < 2; i++) isIPv6('localhost');
  const work: Promise<unknown>[] = [];
  if (plan.tcp) work.push(warmTcp(plan.namedHosts));
  // And a first getaddrinfo, which starts libuv's thread pool and reads the resolver's files.
  if (plan.lookups) work.push(import('./connect/dns-lookup.js').then((m) => m.lookupAll('localhost')));
  if (plan.tls.length > 0) work.push(import('./connect/tls-warm.js').then((m) => m.warmTls(plan.tls)));
  const h2 = plan.versions.includes('2-prior-knowledge') || (plan.scheme.includes('https') && plan.versions.some((v) => v !== '1.0' && v !== '1.1'));
  if (h2) work.push(import('./h2/index.js'), import('node:http2'));
  if (plan.versions.some((v) => v === '3' || v === '3-only')) work.push(import('./connect/quic-step.js'), import('./h3/index.js'));
  // A failure here (a bad --cacert) is reported by the transfer that meets it, with its own exit code.
  await Promise.allSettled(work);
}
