// What a load run found: a table and a latency histogram for people (cli-table3), or one JSON object for scripts.
import { latencyHistogram, latencyStats, type LatencyStats } from './latency-stats.js';
import type { BenchRun } from './run-bench.js';

const versionNames = (run: BenchRun): string[] => [...run.httpVersions].map((v) => `HTTP/${v}`);

function rounded(v: number, digits = 3): number {
  return Number(v.toFixed(digits));
}

function statsJson(s: LatencyStats | null): Record<string, number> | null {
  if (!s) return null;
  return { min: rounded(s.min), mean: rounded(s.mean), stdev: rounded(s.stdev), p50: rounded(s.p50), p90: rounded(s.p90), p99: rounded(s.p99), max: rounded(s.max) };
}

function failedCount(run: BenchRun): number {
  let n = 0;
  for (const c of run.errors.values()) n += c;
  return n;
}

export function benchJson(run: BenchRun): string {
  const seconds = run.elapsedMs / 1000;
  const completed = run.latenciesMs.length;
  const doc = {
    url: run.url,
    httpVersions: versionNames(run),
    clients: run.load.clients,
    streamsPerClient: run.load.streams,
    ...(run.load.durationMs !== undefined ? { durationSeconds: run.load.durationMs / 1000 } : { requestsAsked: run.load.requests }),
    ...(run.load.rate !== undefined ? { rate: run.load.rate } : {}),
    elapsedSeconds: rounded(seconds, 6),
    requests: { completed, failed: failedCount(run) },
    requestsPerSecond: rounded(completed / seconds, 2),
    bodyBytes: run.bodyBytes,
    bodyBytesPerSecond: Math.round(run.bodyBytes / seconds),
    latencyMs: statsJson(latencyStats(run.latenciesMs)),
    connections: { opened: run.connectMs.length, connectMs: statsJson(latencyStats(run.connectMs)) },
    statusCodes: Object.fromEntries([...run.statuses].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v])),
    errors: Object.fromEntries(run.errors),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function bytesText(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(2)} ${units[u]}`;
}

const msText = (v: number): string => (v >= 100 ? v.toFixed(1) : v >= 10 ? v.toFixed(2) : v.toFixed(3));

export interface ReportStyle {
  readonly color: boolean;
  readonly width: number;
}

export async function benchTable(run: BenchRun, style: ReportStyle): Promise<string> {
  const [{ default: Table }, { Chalk }] = await Promise.all([import('cli-table3'), import('chalk')]);
  const chalk = new Chalk({ level: style.color ? 1 : 0 });
  const tableStyle = { head: style.color ? ['bold'] : [], border: style.color ? ['gray'] : [] };
  const chars = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
  const seconds = run.elapsedMs / 1000;
  const completed = run.latenciesMs.length;
  const failed = failedCount(run);
  const versions = versionNames(run).join(', ') || 'no response';
  const streams = run.load.streams === 1 ? '1 request in flight' : `${run.load.streams} requests in flight`;
  const summary = new Table({ style: tableStyle, chars });
  summary.push(
    { 'target': `${run.url} (${versions})` },
    { 'load': `${run.load.clients} client${run.load.clients === 1 ? '' : 's'} × ${streams}${run.load.rate !== undefined ? `, at most ${run.load.rate} req/s` : ''}` },
    { 'requests': `${completed} completed, ${failed === 0 ? '0 failed' : chalk.red(`${failed} failed`)}, in ${seconds.toFixed(3)} s` },
    { 'rate': `${(completed / seconds).toFixed(1)} req/s` },
    { 'body bytes': `${bytesText(run.bodyBytes)} (${bytesText(run.bodyBytes / seconds)}/s)` },
  );
  const stats = latencyStats(run.latenciesMs);
  const connects = latencyStats(run.connectMs);
  const latency = new Table({ head: ['ms', 'min', 'mean', 'stdev', 'p50', 'p90', 'p99', 'max'], style: tableStyle, chars });
  const row = (name: string, s: LatencyStats): string[] => [name, ...[s.min, s.mean, s.stdev, s.p50, s.p90, s.p99, s.max].map(msText)];
  if (stats) latency.push(row('latency', stats));
  if (connects) latency.push(row(`connect (${connects.count})`, connects));
  const parts = [summary.toString(), stats || connects ? latency.toString() : ''];
  if (run.statuses.size > 0) {
    const statusLine = [...run.statuses].sort(([a], [b]) => a - b).map(([code, n]) => (code >= 400 ? chalk.red(`${code}: ${n}`) : chalk.green(`${code}: ${n}`))).join('  ');
    parts.push(`status codes  ${statusLine}`);
  }
  for (const [line, n] of run.errors) parts.push(chalk.red(`error ×${n}  ${line}`));
  const histogram = latencyHistogram(run.latenciesMs);
  if (histogram.length > 1) {
    const most = Math.max(...histogram.map((b) => b.count));
    const barRoom = Math.max(10, Math.min(50, style.width - 30));
    const labels = histogram.map((b) => `${msText(b.upTo)} ms`);
    const labelWidth = Math.max(...labels.map((l) => l.length));
    const countWidth = String(most).length;
    parts.push('latency histogram (upper bound of each bucket)');
    histogram.forEach((b, i) => {
      const bar = '■'.repeat(b.count === 0 ? 0 : Math.max(1, Math.round((b.count / most) * barRoom)));
      parts.push(`  ${labels[i]!.padStart(labelWidth)} [${String(b.count).padStart(countWidth)}] ${chalk.cyan(bar)}`);
    });
  }
  return `${parts.filter((p) => p !== '').join('\n')}\n`;
}
