// --doh-url: names resolved by a DNS-over-HTTPS server (RFC 8484), asked through qurl's own engine: the same
// pool (one HTTP/2 or HTTP/3 connection carries every lookup of the run), TLS settings and timeouts. The DoH
// server's own name is resolved the ordinary way.
import { Writable } from 'node:stream';
import { addressesFor, decodeDnsAnswer, DnsMessageError, DNS_TYPE, encodeDnsQuery } from '../codec/index.js';
import { QurlError } from '../errors/index.js';
import { headerValue, type ResolvedAddress } from '../trace/index.js';
import type { NameResolver, ResponseHead } from '../transport/index.js';
import { innerSpec } from './inner-spec.js';
import type { RequestSpec } from './request-spec.js';
import type { TransferResult } from './transfer-result.js';

/** Far above any real answer (a DNS message over TCP is at most 65,535 bytes). */
const MAX_ANSWER_BYTES = 65_535;
/** curl's DoH transfers have the connect timeout as their whole time. */
const DEFAULT_DOH_TIMEOUT_S = 300;

/** Runs one DoH GET through the engine: its body goes to `respond`'s sink; `signal` is the lookup's bound. */
export type RunOne = (url: string, spec: RequestSpec, respond: (head: ResponseHead) => Writable, signal: AbortSignal) => Promise<TransferResult>;

/** The DoH request's spec: a GET with the query in it; the parent's CAs and HTTP version, none of its request. */
export function dohSpecOf(spec: RequestSpec, dohUrl: string): RequestSpec {
  return {
    ...innerSpec(spec, dohUrl),
    method: undefined, head: false, includeHeaders: false, headers: [{ name: 'Accept', value: 'application/dns-message', mode: 'set' }],
    insecure: spec.dohInsecure, connectTo: [], unixSocket: undefined,
    maxTime: spec.connectTimeout ?? DEFAULT_DOH_TIMEOUT_S, compressed: false, maxFilesize: MAX_ANSWER_BYTES,
    // -4/-6 choose the target's addresses (which type is asked for), not how the DoH server is reached.
    ipVersion: null,
  };
}

function collector(into: Buffer[]): Writable {
  let size = 0;
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) return cb(new QurlError('resolve', `the DoH answer is over ${MAX_ANSWER_BYTES} bytes`));
      into.push(chunk);
      cb();
    },
  });
}

/** A resolver for the run's names through `dohUrl`: A and AAAA asked at once (only one with -4 or -6). */
export function createDohResolver(spec: RequestSpec, dohUrl: string, run: RunOne): NameResolver {
  const dohSpec = dohSpecOf(spec, dohUrl);
  const types = spec.ipVersion === 4 ? [DNS_TYPE.A] : spec.ipVersion === 6 ? [DNS_TYPE.AAAA] : [DNS_TYPE.A, DNS_TYPE.AAAA];
  let version = '';
  const ask = async (host: string, type: number, signal: AbortSignal): Promise<ResolvedAddress[]> => {
    const query = Buffer.from(encodeDnsQuery(host, type)).toString('base64url');
    const url = `${dohUrl}${dohUrl.includes('?') ? '&' : '?'}dns=${query}`;
    const chunks: Buffer[] = [];
    const result = await run(url, dohSpec, (head) => {
      const type = headerValue(head.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
      if (head.status < 200 || head.status > 299) throw new QurlError('resolve', `the DoH server answered ${head.status}`);
      if (type !== 'application/dns-message') throw new QurlError('resolve', `the DoH server answered ${type ?? 'no Content-Type'}, not application/dns-message`);
      return collector(chunks);
    }, signal);
    if (result.error) throw result.error;
    version = result.httpVersion;
    let answer;
    try {
      answer = decodeDnsAnswer(Buffer.concat(chunks));
    } catch (err) {
      if (err instanceof DnsMessageError) throw new QurlError('resolve', `the DoH answer is malformed: ${err.message}`, { cause: err });
      throw err;
    }
    // NXDOMAIN and empty answers are no addresses; SERVFAIL and the like say the server could not answer.
    if (answer.rcode !== 0 && answer.rcode !== 3) throw new QurlError('resolve', `the DoH server could not answer (DNS rcode ${answer.rcode})`);
    return addressesFor(answer, host, type).map((address) => ({ address, family: type === DNS_TYPE.A ? 4 : 6 }) as const);
  };
  return async (host, signal) => {
    let found: ResolvedAddress[][];
    try {
      found = await Promise.all(types.map((t) => ask(host, t, signal)));
    } catch (err) {
      if (signal.aborted) throw err;
      throw new QurlError('resolve', `Could not resolve host: ${host} (${(err as Error).message})`, { cause: err, context: { host, step: 'dns' } });
    }
    const addresses = found.flat();
    if (addresses.length === 0) throw new QurlError('resolve', `Could not resolve host: ${host}`, { context: { host, step: 'dns' } });
    return { addresses, note: `DoH: ${host} is ${addresses.map((a) => a.address).join(', ')} (${dohUrl} over HTTP/${version})` };
  };
}
