import { describe, expect, it } from 'vitest';
import { createTransferTimings } from '../../../src/trace/index.js';

describe('TransferTimings', () => {
  it('phases come in order, skipped phases stay 0, redirect time counts up to the last hop', async () => {
    const t = createTransferTimings();
    t.startHop(false);
    t.mark('namelookup');
    t.mark('connect');
    t.mark('pretransfer');
    t.mark('starttransfer');
    await new Promise((r) => setTimeout(r, 5));
    t.startHop(true);
    t.mark('pretransfer');
    t.mark('starttransfer');
    t.mark('total');
    const s = t.seconds();
    expect(s.appconnect).toBe(0);
    expect(s.namelookup).toBeGreaterThan(0);
    expect(s.namelookup).toBeLessThanOrEqual(s.connect);
    expect(s.connect).toBeLessThanOrEqual(s.pretransfer);
    expect(s.pretransfer).toBeLessThanOrEqual(s.starttransfer);
    expect(s.starttransfer).toBeLessThanOrEqual(s.total);
    expect(s.redirect).toBeGreaterThan(0.004);
    expect(s.redirect).toBeLessThanOrEqual(s.total);
  });

  it('marks a phase once per hop', () => {
    const t = createTransferTimings();
    t.startHop(false);
    t.mark('connect');
    const first = t.seconds().connect;
    t.mark('connect');
    expect(t.seconds().connect).toBe(first);
  });
});
