// The socket knobs of a RequestSpec from raw option values: --interface, --local-port, --tcp-nodelay,
// --keepalive-time, --no-keepalive, --happy-eyeballs-timeout-ms, --haproxy-protocol, --haproxy-clientip.
import { isIP } from 'node:net';
import { QurlError } from '../errors/index.js';
import type { LocalBind, RequestSpec } from '../engine/index.js';
import type { ParsedArgv } from './parse-argv.js';

type SocketFields = Pick<RequestSpec, 'localBind' | 'tcpNoDelay' | 'keepaliveTime' | 'happyEyeballsTimeoutMs' | 'haproxy'>;

const DEFAULT_KEEPALIVE_S = 60;

const badlyUsed = (option: string, why: string): QurlError => new QurlError('bad-option', `option --${option}: is badly used here: ${why}`);

/** A whole number of at least 0, as curl's "positive numerical parameter" (0 included). */
function wholeNumber(v: unknown, option: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new QurlError('bad-option', `option --${option}: expected a proper numerical parameter`);
  if (v < 0) throw new QurlError('bad-option', `option --${option}: expected a positive numerical parameter`);
  return v;
}

function interfaceOf(v: unknown): LocalBind['interface'] {
  if (typeof v !== 'string') return undefined;
  const [kind, name] = v.startsWith('if!') ? (['if', v.slice(3)] as const) : v.startsWith('host!') ? (['host', v.slice(5)] as const) : (['any', v] as const);
  if (name === '') throw badlyUsed('interface', 'no interface, host or address given');
  return { kind, name };
}

/** curl's N[-M]: 0 is any port; the range must run upwards within 1–65535. */
function portsOf(v: unknown): LocalBind['ports'] {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+)(?:-(\d+))?$/.exec(v.trim());
  const first = m ? Number(m[1]) : NaN;
  const last = m?.[2] === undefined ? first : Number(m[2]);
  if (!m || first > 65535 || last > 65535 || last < first) throw badlyUsed('local-port', `"${v}" is not a port or a range of ports (N or N-M, up to 65535)`);
  return first === 0 ? undefined : { first, last };
}

export function socketArgs(parsed: ParsedArgv): SocketFields {
  const v = parsed.values;
  const iface = interfaceOf(v.interface);
  const ports = portsOf(v.localPort);
  const clientIp = typeof v.haproxyClientip === 'string' ? v.haproxyClientip : undefined;
  if (clientIp !== undefined && isIP(clientIp) === 0) throw badlyUsed('haproxy-clientip', `"${clientIp}" is not an IPv4 or IPv6 address`);
  const keepaliveTime = wholeNumber(v.keepaliveTime, 'keepalive-time');
  return {
    localBind: iface || ports ? { interface: iface, ports } : undefined,
    // commander folds --no-tcp-nodelay into tcpNodelay: false, and --no-keepalive into keepalive: false.
    tcpNoDelay: v.tcpNodelay !== false,
    keepaliveTime: v.keepalive === false ? null : (keepaliveTime ?? DEFAULT_KEEPALIVE_S),
    happyEyeballsTimeoutMs: wholeNumber(v.happyEyeballsTimeoutMs, 'happy-eyeballs-timeout-ms'),
    haproxy: v.haproxyProtocol === true || clientIp !== undefined ? { clientIp } : undefined,
  };
}
