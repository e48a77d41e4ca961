// --timing over several transfers (-Z, several URLs, --next groups): one waterfall on a shared time axis, a row
// per transfer with the connection it used, as a browser's network panel draws it. One transfer keeps
// timing-view.ts's table of its phases.
import type { TransferResult } from '../engine/index.js';
import type { TraceEvent, TraceEventType, TraceView } from '../trace/index.js';

export interface RunTimeline {
  readonly view: TraceView;
  /** When the transfer's first request started (trace time, ns), and the connection its last request went on. */
  placeOf(transferId: number): { readonly at: bigint; readonly connId?: number } | undefined;
}

const TYPES: ReadonlySet<TraceEventType> = new Set(['timing', 'request-head']);

export function createRunTimeline(): RunTimeline {
  const places = new Map<number, { at: bigint; connId?: number }>();
  return {
    view: {
      types: TYPES,
      onEvent(e: TraceEvent) {
        if (e.type === 'timing' && e.phase === 'hop' && !places.has(e.transferId)) places.set(e.transferId, { at: e.at });
        else if (e.type === 'request-head') {
          const place = places.get(e.transferId);
          if (place) place.connId = e.connId;
        }
      },
    },
    placeOf: (id) => places.get(id),
  };
}

interface Row {
  readonly result: TransferResult;
  /** Seconds from the run's first transfer start. */
  readonly start: number;
  readonly connId?: number;
}

/** The phases of a transfer, in seconds from its start: curl's cumulative times. */
function segments(r: TransferResult): { readonly phase: number; readonly from: number; readonly to: number }[] {
  const t = r.times;
  const marks = [t.redirect + t.namelookup, t.redirect + Math.max(t.connect, t.namelookup), t.redirect + Math.max(t.appconnect, t.connect, t.namelookup), t.redirect + Math.max(t.starttransfer, t.pretransfer), Math.max(t.total, t.redirect + t.starttransfer)];
  let from = 0;
  return marks.map((to, phase) => {
    const segment = { phase, from, to: Math.max(to, from) };
    from = segment.to;
    return segment;
  });
}

const PHASE_NAMES = ['DNS', 'connect', 'TLS', 'waiting (TTFB)', 'content'];
const GLYPHS = ['░', '▒', '▓', '─', '█'];

export async function renderRunWaterfall(results: readonly TransferResult[], timeline: RunTimeline, options: { color: boolean; width: number }): Promise<string> {
  const [{ default: Table }, { Chalk }] = await Promise.all([import('cli-table3'), import('chalk')]);
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const colors = [chalk.cyan, chalk.blue, chalk.magenta, chalk.yellow, chalk.green];
  const placed = results.map((result) => ({ result, place: timeline.placeOf(result.transferId) }));
  const origin = placed.reduce<bigint | undefined>((min, p) => (p.place && (min === undefined || p.place.at < min) ? p.place.at : min), undefined) ?? 0n;
  const rows: Row[] = placed
    .map(({ result, place }) => ({ result, start: place ? Number(place.at - origin) / 1e9 : 0, connId: place?.connId }))
    .sort((a, b) => a.start - b.start || a.result.transferId - b.result.transferId);
  const span = Math.max(1e-9, ...rows.map((r) => r.start + r.result.times.total));
  const barWidth = Math.max(20, Math.min(60, options.width - 70));
  const ms = (s: number): string => `${(s * 1000).toFixed(1)}`;
  const table = new Table({
    head: ['#', 'URL', 'conn', 'status', 'start ms', 'time ms', `0 ─ ${ms(span)} ms`],
    style: { head: options.color ? ['bold'] : [], border: options.color ? ['gray'] : [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) {
    const cells: string[] = [];
    const parts = segments(row.result);
    for (let c = 0; c < barWidth; c++) {
      const at = ((c + 0.5) / barWidth) * span - row.start;
      const part = parts.find((p) => at >= p.from && at < p.to);
      cells.push(part ? colors[part.phase]!(GLYPHS[part.phase]!) : ' ');
    }
    // A transfer shorter than a cell still shows where it was.
    const first = Math.min(barWidth - 1, Math.floor((row.start / span) * barWidth));
    if (!cells.some((cell) => cell !== ' ')) cells[first] = colors[4]!('▏');
    const url = row.result.urlEffective.length > 40 ? `${row.result.urlEffective.slice(0, 39)}…` : row.result.urlEffective;
    const status = row.result.error ? `(${row.result.error.exitCode})` : String(row.result.status);
    table.push([String(row.result.transferId), url, row.connId === undefined ? '' : `#${row.connId}`, status, ms(row.start), ms(row.result.times.total), cells.join('')]);
  }
  const legend = PHASE_NAMES.map((name, i) => `${colors[i]!(GLYPHS[i]!)} ${name}`).join('  ');
  const connections = new Set(rows.map((r) => r.connId).filter((c) => c !== undefined));
  return `${rows.length} transfers on ${connections.size} connection${connections.size === 1 ? '' : 's'} in ${ms(span)} ms\n${table.toString()}\n${legend}\n`;
}
