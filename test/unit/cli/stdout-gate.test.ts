// -Z's stdout gate: bodies written at the same time come out whole, in the order their transfers took stdout,
// with held bytes spilled to a file past 1 MiB and nothing lost or reordered.
import fc from 'fast-check';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createStdoutGate } from '../../../src/cli/stdout-gate.js';

function sink(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, text: () => Buffer.concat(chunks).toString('latin1') };
}

const write = (w: NodeJS.WritableStream, data: string | Buffer): Promise<void> => new Promise((resolve, reject) => w.write(data, (err) => (err ? reject(err) : resolve())));

describe('createStdoutGate', () => {
  it('keeps each body whole: the first to write goes first, the others follow as they finish', async () => {
    const { out, text } = sink();
    const gate = createStdoutGate(out);
    const [a, b, c] = [gate.slot(0), gate.slot(1), gate.slot(2)];
    for (let i = 0; i < 3; i++) {
      await write(b, 'b');
      await write(a, 'a');
      await write(c, 'c');
    }
    gate.finish(2);
    gate.finish(1);
    gate.finish(0);
    await gate.idle();
    expect(text()).toBe('bbbaaaccc');
  });

  it('spills past 1 MiB to a file and gives back every byte in order', async () => {
    const { out, text } = sink();
    const gate = createStdoutGate(out);
    const first = gate.slot(0);
    const second = gate.slot(1);
    await write(first, 'x');
    const big = Buffer.alloc(3 * 1024 * 1024, 'y');
    for (let at = 0; at < big.length; at += 65536) await write(second, big.subarray(at, at + 65536));
    await write(first, 'z');
    gate.finish(0);
    await write(second, 'end');
    gate.finish(1);
    await gate.idle();
    expect(text()).toBe(`xz${big.toString('latin1')}end`);
  });

  it('whatever the interleaving, each slot comes out contiguous and intact', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(3), fc.string({ minLength: 1, maxLength: 5 })), { maxLength: 40 }), fc.array(fc.nat(3)), async (writes, finishOrder) => {
        const { out, text } = sink();
        const gate = createStdoutGate(out);
        const slots = [0, 1, 2, 3].map((id) => gate.slot(id));
        const expected = ['', '', '', ''];
        for (const [slot, data] of writes) {
          const tagged = String.fromCharCode(65 + slot).repeat(data.length);
          expected[slot] += tagged;
          await write(slots[slot]!, tagged);
        }
        for (const id of [...new Set([...finishOrder, 0, 1, 2, 3])]) gate.finish(id);
        await gate.idle();
        const got = text();
        expect(got.length).toBe(expected.join('').length);
        for (let s = 0; s < 4; s++) {
          const mine = expected[s]!;
          if (mine) expect(got).toContain(mine);
        }
      }),
      { numRuns: 200 },
    );
  });
});
