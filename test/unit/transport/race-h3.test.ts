// raceH3's rules with attempts that settle when told: who starts when, who wins, which error is reported.
import { describe, expect, it } from 'vitest';
import { QurlError } from '../../../src/errors/index.js';
import { createTransferTimings } from '../../../src/trace/index.js';
import type { ProtocolConnection } from '../../../src/transport/index.js';
import { H3_HEAD_START_MS, raceH3, type RaceAttempt } from '../../../src/transport/race-h3.js';

interface Controlled extends RaceAttempt {
  started: boolean;
  aborted: boolean;
  closed: boolean;
  succeed(): void;
  fail(err: unknown): void;
}

function attempt(version: '2' | '3'): Controlled {
  let settle: { ok: (c: ProtocolConnection) => void; no: (e: unknown) => void } | undefined;
  const self: Controlled = {
    started: false, aborted: false, closed: false,
    open(timings, signal) {
      self.started = true;
      signal.addEventListener('abort', () => {
        self.aborted = true;
        settle?.no(signal.reason);
      });
      timings.mark('connect');
      return new Promise((ok, no) => (settle = { ok, no }));
    },
    succeed: () => settle!.ok({ version, close: () => void (self.closed = true) } as unknown as ProtocolConnection),
    fail: (err) => settle!.no(err),
  };
  return self;
}

const race = (quic: Controlled, tcp: Controlled, messages: string[] = []) =>
  raceH3(quic, tcp, { timings: createTransferTimings(), signal: new AbortController().signal, info: (m) => messages.push(m), where: 'h port 1' });
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('raceH3', () => {
  it('QUIC up within its head start: TCP never starts', async () => {
    const [quic, tcp] = [attempt('3'), attempt('2')];
    const won = race(quic, tcp);
    quic.succeed();
    expect((await won).version).toBe('3');
    await tick(H3_HEAD_START_MS + 50);
    expect(tcp.started).toBe(false);
  });

  it('QUIC fails at once: TCP starts at once and its connection is used', async () => {
    const [quic, tcp, messages] = [attempt('3'), attempt('2'), [] as string[]];
    const won = race(quic, tcp, messages);
    quic.fail(new QurlError('connect', 'refused'));
    await tick(0);
    expect(tcp.started).toBe(true);
    tcp.succeed();
    expect((await won).version).toBe('2');
    expect(messages[0]).toBe('HTTP/3 to h port 1 failed (refused): falling back to TCP (--http3)');
  });

  it('QUIC silent: TCP starts after the head start, wins, and QUIC is aborted', async () => {
    const [quic, tcp, messages] = [attempt('3'), attempt('2'), [] as string[]];
    const won = race(quic, tcp, messages);
    await tick(H3_HEAD_START_MS / 2);
    expect(tcp.started).toBe(false);
    await tick(H3_HEAD_START_MS);
    expect(tcp.started).toBe(true);
    tcp.succeed();
    expect((await won).version).toBe('2');
    expect(quic.aborted).toBe(true);
    expect(messages).toEqual(['HTTP/3 to h port 1: no QUIC handshake after 200 ms, trying TCP in parallel (--http3)', 'Using TCP: it connected before QUIC did (--http3)']);
  });

  it('QUIC up after TCP started: QUIC is used and the TCP attempt aborted', async () => {
    const [quic, tcp] = [attempt('3'), attempt('2')];
    const won = race(quic, tcp);
    await tick(H3_HEAD_START_MS + 20);
    quic.succeed();
    expect((await won).version).toBe('3');
    expect(tcp.aborted).toBe(true);
  });

  it('both fail: the TCP error is the one reported, after QUIC also gave up', async () => {
    const [quic, tcp] = [attempt('3'), attempt('2')];
    const won = race(quic, tcp);
    await tick(H3_HEAD_START_MS + 20);
    tcp.fail(new QurlError('connect', 'tcp refused'));
    await tick(10);
    quic.fail(new QurlError('timeout', 'quic timed out'));
    await expect(won).rejects.toThrow('tcp refused');
  });
});
