// A rehearsal: when a run reports its timings (-w's time_ variables or %{json}, --timing), it first sends a
// request of the same shape to an in-process server on loopback a few times, through the same engine, with
// nothing written anywhere. A process runs qurl's request path cold the first time (about 8 ms on loopback
// here, 1–2 ms warm), and without a rehearsal that would be reported as the network's connect and first byte.
// It costs that time before any clock starts; runs that report no timings skip it.
import { isIP } from 'node:net';
import { devNull } from 'node:os';
import { createConnectionPool } from '../../transport/index.js';
import { silentSink } from '../../trace/index.js';
import { discardStream } from '../body-output.js';
import type { RequestSpec } from '../request-spec.js';
import { runTransfer } from '../run-transfer.js';
import { startRehearsalServer, type RehearsalProtocol } from './rehearsal-server.js';
import { innerSpec } from '../inner-spec.js';

// The first run of the path costs ~8 ms on loopback here and the second ~2 ms; from the third on it stays
// within ~1 ms (V8 has seen every call site), measured against qurl serve.
const REHEARSALS = 3;
const TIMING_VARIABLE = /%\{(time_\w+|json)\}/;

export function reportsTimings(spec: RequestSpec): boolean {
  return spec.timing || TIMING_VARIABLE.test(spec.writeOut ?? '');
}

/** Only what shapes the request path: no credentials, body, cookies, files, proxy or name overrides. */
function rehearsalSpec(spec: RequestSpec, url: string): RequestSpec {
  return {
    ...innerSpec(spec, url),
    proxyUser: undefined, maxTime: 2, connectTimeout: 2,
    insecure: true, cacert: undefined, capath: undefined,
    resolve: [], connectTo: [], unixSocket: undefined, ipVersion: null, proto: undefined, protoRedir: undefined,
    proxy: '', proxyHeaders: [], proxyEnv: {}, noproxy: undefined,
    // Its server is in this process: no bound ports (a fixed --local-port would be taken), PROXY line, pins or CRLs.
    localBind: undefined, haproxy: undefined, pinnedPubkey: undefined, crlFile: undefined,
  };
}

function protocolOf(scheme: string, spec: RequestSpec): RehearsalProtocol | null {
  if (spec.httpVersion === '3' || spec.httpVersion === '3-only') return null;
  if (scheme === 'https:') return 'tls';
  if (scheme === 'http:') return spec.httpVersion === '2-prior-knowledge' ? 'h2c' : 'h1';
  return null;
}

/** Rehearses the spec's first transfer (over HTTP/1 or 2, without a proxy); a rehearsal that fails changes nothing. */
export async function rehearse(spec: RequestSpec): Promise<void> {
  const first = spec.urls[0];
  if (!first || spec.unixSocket !== undefined) return;
  let target: URL;
  try {
    target = new URL(first.url.includes('://') ? first.url : `http://${first.url}`);
  } catch {
    return;
  }
  const protocol = protocolOf(target.protocol, spec);
  if (!protocol || (spec.proxy !== undefined && spec.proxy !== '')) return;
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const named = isIP(host) === 0;
  const server = await startRehearsalServer(protocol).catch(() => null);
  if (!server) return;
  const url = `${target.protocol}//${named ? 'localhost' : '127.0.0.1'}:${server.port}/`;
  // Into a file when the transfer writes one (the null device stands in for it), else to stdout's stand-in.
  const toFile = (first.output !== undefined && first.output !== '-') || first.remoteName === true;
  const job = { url, output: toFile ? devNull : '-' };
  const rehearsing = rehearsalSpec(spec, url);
  try {
    // A new connection each time: connecting is most of the path.
    for (let i = 0; i < REHEARSALS; i++) {
      const pool = createConnectionPool();
      await runTransfer(job, rehearsing, { pool, sink: silentSink, stdout: discardStream() }, 0);
      pool.closeAll();
    }
  } finally {
    server.close();
  }
}
