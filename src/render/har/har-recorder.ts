// --har FILE: every exchange of the run (each redirect and authentication answer its own entry) as HAR 1.2, from
// the trace: the engine's timing marks place each phase, the heads give the request and the response.
import type { TransferResult } from '../../engine/index.js';
import { headerValue, now, type HeaderList, type TraceEvent, type TraceEventType, type TraceView } from '../../trace/index.js';
import type { HarEntry, HarLog, HarNameValue, HarTimings } from './har-types.js';

type Event<T extends TraceEventType> = Extract<TraceEvent, { type: T }>;

/** The events of one hop: from its start (a 'hop' mark) to the next hop's. */
interface Hop {
  readonly start: bigint;
  readonly marks: Map<string, bigint>;
  /** Where this hop's request went ('' until a redirect names it: then the transfer's URL). */
  url: string;
  /** Where the redirect this hop got points. */
  nextUrl?: string;
  request?: Event<'request-head'>;
  response?: Event<'response-head'>;
  address?: string;
  connId?: number;
  framesSent: number;
  framesReceived: number;
}

export interface HarRecorder {
  readonly view: TraceView;
  /** A transfer ended: its exchanges become entries. */
  finish(result: TransferResult): void;
  document(): HarLog;
}

const TYPES: ReadonlySet<TraceEventType> = new Set(['timing', 'request-head', 'response-head', 'connect', 'redirect', 'frame', 'h3-frame']);

const ms = (ns: bigint): number => Math.round(Number(ns) / 1e3) / 1e3;
const pairs = (headers: HeaderList): HarNameValue[] => headers.map(([name, value]) => ({ name, value }));
const harVersion = (v: string): string => (v === '' ? '' : `HTTP/${v}`);

function queryOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** HAR's phases from a hop's marks; -1 where a phase did not happen (a reused connection has no dns or connect). */
function timingsOf(hop: Hop, end: bigint): HarTimings {
  const at = (phase: string): bigint | undefined => hop.marks.get(phase);
  const dnsAt = at('namelookup');
  const connectAt = at('connect');
  const tlsAt = at('appconnect');
  const ready = tlsAt ?? connectAt ?? dnsAt ?? hop.start;
  const sent = at('pretransfer') ?? ready;
  const first = at('starttransfer') ?? end;
  // A body still going out when the reply starts (an early answer) ends its send there.
  const done = at('posttransfer') ?? sent;
  const sentAll = done < first ? done : first;
  return {
    blocked: ms(sent - ready),
    dns: dnsAt === undefined ? -1 : ms(dnsAt - hop.start),
    // HAR 1.2: connect includes ssl.
    connect: connectAt === undefined ? -1 : ms((tlsAt ?? connectAt) - (dnsAt ?? hop.start)),
    ssl: tlsAt === undefined || connectAt === undefined ? -1 : ms(tlsAt - connectAt),
    send: ms(sentAll - sent),
    wait: ms(first - sentAll),
    receive: ms(end - first),
  };
}

export function createHarRecorder(creator: { name: string; version: string }): HarRecorder {
  const hops = new Map<number, Hop[]>();
  const entries: HarEntry[] = [];
  // Trace times count from the process's start on a monotonic clock; HAR wants wall-clock dates.
  const wallOffsetNs = BigInt(Date.now()) * 1_000_000n - now();

  const current = (transferId: number): Hop | undefined => hops.get(transferId)?.at(-1);

  const view: TraceView = {
    types: TYPES,
    onEvent(e) {
      if (e.type === 'timing') {
        if (e.phase === 'hop') {
          const list = hops.get(e.transferId) ?? [];
          const previous = list.at(-1);
          list.push({ start: e.at, marks: new Map(), url: previous?.nextUrl ?? previous?.url ?? '', framesSent: 0, framesReceived: 0 });
          hops.set(e.transferId, list);
        } else current(e.transferId)?.marks.set(e.phase, e.at);
        return;
      }
      const hop = current(e.transferId);
      if (!hop) return;
      if (e.type === 'request-head') hop.request = e;
      else if (e.type === 'response-head') {
        if (e.status >= 200 || !hop.response) hop.response = e;
      } else if (e.type === 'connect' && e.phase === 'connected') {
        hop.address = e.address;
        hop.connId = e.connId;
      } else if (e.type === 'redirect') {
        hop.url ||= e.from;
        hop.nextUrl = e.to;
      } else if (e.type === 'frame' || e.type === 'h3-frame') {
        if (e.direction === 'send') hop.framesSent++;
        else hop.framesReceived++;
      }
    },
  };
  return {
    view,
    finish(result) {
      const list = hops.get(result.transferId) ?? [];
      hops.delete(result.transferId);
      const endAt = list[0] ? list[0].start + BigInt(Math.round(result.times.total * 1e9)) : 0n;
      list.forEach((hop, i) => {
        const url = hop.url || result.urlEffective;
        const last = i === list.length - 1;
        const end = last ? endAt : list[i + 1]!.start;
        const res = hop.response;
        const req = hop.request;
        const status = res?.status ?? 0;
        const timings = timingsOf(hop, end);
        const length = res ? Number(headerValue(res.headers, 'content-length') ?? -1) : -1;
        const bodySize = last ? result.sizeDownload : Number.isFinite(length) ? length : -1;
        const version = res?.version ?? req?.version ?? result.httpVersion;
        entries.push({
          startedDateTime: new Date(Number((hop.start + wallOffsetNs) / 1_000_000n)).toISOString(),
          time: ms(end - hop.start),
          request: {
            method: req?.method ?? result.method,
            url,
            httpVersion: harVersion(req?.version ?? version),
            cookies: [],
            headers: pairs(req?.headers ?? []),
            queryString: queryOf(url),
            headersSize: -1,
            bodySize: last ? result.sizeUpload : -1,
          },
          response: {
            status,
            statusText: res?.statusText ?? '',
            httpVersion: harVersion(res?.version ?? ''),
            cookies: [],
            headers: pairs(res?.headers ?? []),
            content: { size: bodySize, mimeType: (res && headerValue(res.headers, 'content-type')) ?? '' },
            redirectURL: (res && headerValue(res.headers, 'location')) ?? '',
            headersSize: res ? res.raw.length : -1,
            bodySize,
            ...(last && result.error ? { _error: result.error.message } : {}),
          },
          cache: {},
          timings,
          ...(hop.address ? { serverIPAddress: hop.address } : last && result.remoteIp ? { serverIPAddress: result.remoteIp } : {}),
          ...((hop.connId ?? req?.connId) !== undefined ? { connection: String(hop.connId ?? req?.connId) } : {}),
          _httpVersion: version,
          ...(hop.framesSent + hop.framesReceived > 0 ? { _frames: { sent: hop.framesSent, received: hop.framesReceived } } : {}),
          _transfer: result.transferId,
        });
      });
    },
    document() {
      return { log: { version: '1.2', creator, pages: [], entries } };
    },
  };
}
