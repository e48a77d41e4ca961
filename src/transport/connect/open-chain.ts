// openChain: runs the planned steps bottom-up under one abort signal and returns the connected chain.
import { QurlError } from '../../errors/index.js';
import { now } from '../../trace/index.js';
import type { Duplex } from 'node:stream';
import type { ConnectContext, ConnectStep, ConnectionChain, StepInfo, StepOutput } from './connect-types.js';

/** The abort reason of --connect-timeout: openChain words it for the step it stopped (a QurlError reason is --max-time's). */
export class ConnectTimeout extends Error {
  override readonly name = 'ConnectTimeout';
  constructor(readonly afterMs: number) {
    super('connect timeout');
  }
}

function timeoutError(ctx: ConnectContext, started: bigint, step: ConnectStep): QurlError {
  const reason: unknown = ctx.signal.reason;
  if (reason instanceof QurlError) return reason;
  // The timer started before the chain did: the bound itself is the time that passed.
  const ms = Math.max(Number((now() - started) / 1_000_000n), reason instanceof ConnectTimeout ? reason.afterMs : 0);
  const { host, port } = step.endpoint ?? { host: ctx.target.connectHost, port: ctx.target.connectPort };
  return new QurlError('timeout', `Connection timed out after ${ms} milliseconds (${step.name} to ${host} port ${port})`, {
    context: { host, port, step: step.name },
  });
}

export async function openChain(steps: readonly ConnectStep[], ctx: ConnectContext): Promise<ConnectionChain> {
  const started = now();
  let below: StepOutput = { stream: null, addresses: [] };
  const closeAll = (): void => {
    for (const s of [...steps].reverse()) s.close();
  };
  for (const step of steps) {
    try {
      below = await step.connect(below, ctx);
    } catch (err) {
      closeAll();
      if (ctx.signal.aborted) throw timeoutError(ctx, started, step);
      throw err;
    }
    // Errors surface through the protocol layer above; a bare stream must not crash the process meanwhile.
    below.stream?.on('error', () => {});
  }
  const stream = below.stream;
  const quic = below.quic ?? null;
  if (!stream && !quic) throw new Error('connect chain produced no stream');
  const info: StepInfo = Object.assign({}, ...steps.map((s) => s.info())) as StepInfo;
  const provides = (cap: 'tls' | 'proxy'): boolean => steps.some((s) => s.provides.has(cap));
  return {
    connId: ctx.connId,
    steps,
    stream,
    quic,
    reads: below.reads ?? null,
    info,
    isTls: provides('tls'),
    isTunnel: provides('proxy'),
    close: closeAll,
  };
}

/** The byte stream h1 and h2 run on; a QUIC chain has none (h3 drives its session). */
export function streamOf(chain: ConnectionChain): Duplex {
  if (!chain.stream) throw new Error(`connection #${chain.connId} is QUIC: it has no byte stream`);
  return chain.stream;
}
