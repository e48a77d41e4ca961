// --timing: a waterfall of one transfer's phases on stderr (cli-table3 + chalk, loaded only when asked for).
import type { TransferResult } from '../engine/index.js';

export interface TimingViewOptions {
  readonly color: boolean;
  readonly width: number;
  /** Moments inside the transfer to show as rows of their own (gRPC's first and last message), in seconds. */
  readonly moments?: readonly { readonly name: string; readonly at: number }[];
}

interface Phase {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

function phasesOf(r: TransferResult): Phase[] {
  const t = r.times;
  const connectEnd = Math.max(t.connect, t.namelookup);
  const tlsEnd = Math.max(t.appconnect, connectEnd);
  const pre = Math.max(t.pretransfer, tlsEnd);
  const ttfb = Math.max(t.starttransfer, pre);
  const phases: Phase[] = [
    { name: 'redirects', start: 0, end: t.redirect },
    { name: 'DNS lookup', start: t.redirect, end: t.redirect + t.namelookup },
    { name: 'TCP connect', start: t.redirect + t.namelookup, end: t.redirect + connectEnd },
    { name: 'TLS handshake', start: t.redirect + connectEnd, end: t.redirect + tlsEnd },
    { name: 'request sent', start: t.redirect + tlsEnd, end: t.redirect + pre },
    { name: 'waiting (TTFB)', start: t.redirect + pre, end: t.redirect + ttfb },
    { name: 'content transfer', start: t.redirect + ttfb, end: Math.max(t.total, t.redirect + ttfb) },
  ];
  return phases.filter((p) => p.name !== 'redirects' || p.end > 0).filter((p) => p.name !== 'TLS handshake' || t.appconnect > 0);
}

const ms = (s: number): string => `${(s * 1000).toFixed(1)} ms`;

export async function renderTiming(r: TransferResult, options: TimingViewOptions): Promise<string> {
  const [{ default: Table }, { Chalk }] = await Promise.all([import('cli-table3'), import('chalk')]);
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const total = Math.max(r.times.total, 1e-9);
  const barWidth = Math.max(10, Math.min(50, options.width - 50));
  const colors = [chalk.gray, chalk.cyan, chalk.blue, chalk.magenta, chalk.yellow, chalk.red, chalk.green];
  const table = new Table({
    head: ['phase', 'start', 'duration', ''],
    style: { head: options.color ? ['bold'] : [], border: options.color ? ['gray'] : [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  phasesOf(r).forEach((p, i) => {
    const from = Math.round((p.start / total) * barWidth);
    const len = Math.max(p.end > p.start ? 1 : 0, Math.round(((p.end - p.start) / total) * barWidth));
    const bar = ' '.repeat(Math.min(from, barWidth)) + (colors[i % colors.length] ?? chalk.white)('█'.repeat(Math.min(len, barWidth - Math.min(from, barWidth))));
    table.push([p.name, ms(p.start), ms(p.end - p.start), bar]);
  });
  for (const m of options.moments ?? []) {
    const at = Math.min(barWidth - 1, Math.round((m.at / total) * barWidth));
    table.push([m.name, ms(m.at), '', `${' '.repeat(Math.max(at, 0))}${chalk.white('▏')}`]);
  }
  table.push([chalk.bold('total'), '', chalk.bold(ms(r.times.total)), '']);
  const title = `${r.method} ${r.urlEffective} → ${r.status || 'no response'} (HTTP/${r.httpVersion}, ${r.sizeDownload} bytes, ${r.numConnects} new connection${r.numConnects === 1 ? '' : 's'})`;
  return `${title}\n${table.toString()}\n`;
}
