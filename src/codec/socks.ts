// SOCKS5 (RFC 1928, RFC 1929) and SOCKS4/4a messages; pure: builds requests and reads replies.
export const SOCKS5_REPLIES: readonly string[] = [
  'succeeded',
  'general SOCKS server failure',
  'connection not allowed by ruleset',
  'network unreachable',
  'host unreachable',
  'connection refused by destination',
  'TTL expired',
  'command not supported',
  'address type not supported',
];

export const SOCKS5_NO_AUTH = 0x00;
export const SOCKS5_USER_PASS = 0x02;
export const SOCKS5_NO_ACCEPTABLE = 0xff;

export type SocksAddress = { readonly kind: 'ipv4' | 'ipv6' | 'domain'; readonly host: string };

/** What a SOCKS message cannot carry (RFC 1928/1929 give names and credentials one length byte). */
export class SocksEncodeError extends Error {
  override readonly name = 'SocksEncodeError';
}

export function socks5Greeting(withPassword: boolean): Uint8Array {
  return withPassword ? Uint8Array.of(5, 2, SOCKS5_NO_AUTH, SOCKS5_USER_PASS) : Uint8Array.of(5, 1, SOCKS5_NO_AUTH);
}

/** RFC 1929 sub-negotiation; user and password are at most 255 bytes each. */
export function socks5UserPass(user: string, pass: string): Uint8Array {
  const u = Buffer.from(user, 'utf8');
  const p = Buffer.from(pass, 'utf8');
  if (u.length > 255 || p.length > 255) throw new SocksEncodeError('a user name or password over 255 bytes cannot be sent');
  return Uint8Array.from([1, u.length, ...u, p.length, ...p]);
}

function ipv6Bytes(host: string): number[] {
  const [head = '', tail = ''] = host.split('::');
  const parse = (s: string): number[] => (s ? s.split(':').flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]) : []);
  const left = parse(head);
  const right = host.includes('::') ? parse(tail) : [];
  return [...left, ...new Array<number>(16 - left.length - right.length).fill(0), ...right];
}

export function socks5Connect(address: SocksAddress, port: number): Uint8Array {
  let addr: number[];
  if (address.kind === 'ipv4') addr = [1, ...address.host.split('.').map(Number)];
  else if (address.kind === 'ipv6') addr = [4, ...ipv6Bytes(address.host)];
  else {
    const name = Buffer.from(address.host, 'utf8');
    if (name.length > 255) throw new SocksEncodeError(`a host name over 255 bytes cannot be sent (this one has ${name.length}); use socks5:// to resolve it here`);
    addr = [3, name.length, ...name];
  }
  return Uint8Array.from([5, 1, 0, ...addr, port >> 8, port & 0xff]);
}

/** Bytes left to read after the first 5 of a SOCKS5 reply (which include the address type and first address byte). */
export function socks5ReplyRest(first5: Uint8Array): number {
  switch (first5[3]) {
    case 1:
      return 4 - 1 + 2;
    case 4:
      return 16 - 1 + 2;
    case 3:
      return first5[4]! + 2;
    default:
      return -1;
  }
}

export function socks4Connect(ipv4: string | null, host: string, port: number, user: string): Uint8Array {
  const ip = ipv4 ? ipv4.split('.').map(Number) : [0, 0, 0, 1];
  const userBytes = [...Buffer.from(user, 'utf8'), 0];
  const name = ipv4 ? [] : [...Buffer.from(host, 'utf8'), 0];
  return Uint8Array.from([4, 1, port >> 8, port & 0xff, ...ip, ...userBytes, ...name]);
}

export const SOCKS4_REPLIES: Readonly<Record<number, string>> = {
  0x5a: 'request granted',
  0x5b: 'request rejected or failed',
  0x5c: 'rejected: the server cannot reach identd on the client',
  0x5d: 'rejected: identd reports a different user id',
};
