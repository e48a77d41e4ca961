// Phase timings on loopback, qurl beside curl for the same requests (issue 12 §1): each -w phase's median over
// alternating runs, and qurl's difference from curl in milliseconds. Used by run.mjs; runnable alone:
// node bench/timings.mjs (needs dist/ built and curl).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = fileURLToPath(new URL('..', import.meta.url));
const qurl = join(root, 'bin/qurl.js');
export const PHASES = ['time_namelookup', 'time_connect', 'time_appconnect', 'time_pretransfer', 'time_starttransfer', 'time_total'];
const FORMAT = PHASES.map((p) => `%{${p}}`).join(' ');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Asynchronously: the server may live in this process. */
async function phases(cmd, args) {
  const { stdout } = await promisify(execFile)(cmd, [...args, '-s', '-o', '/dev/null', '-w', FORMAT], { encoding: 'utf8' });
  return stdout.trim().split(' ').map((s) => Number(s) * 1000);
}

/** Medians in ms for qurl and curl over `runs` alternating runs of each case. */
export async function measureTimings(cases, runs = 15) {
  const rows = [];
  for (const { name, args, qurlArgs = [], curlArgs = [] } of cases) {
    const q = [];
    const c = [];
    for (let i = 0; i < runs; i++) {
      q.push(await phases('node', [qurl, ...qurlArgs, ...args]));
      c.push(await phases('curl', [...curlArgs, ...args]));
    }
    const med = (samples) => PHASES.map((_, k) => median(samples.map((r) => r[k])));
    rows.push({ name, qurl: med(q), curl: med(c) });
  }
  return rows;
}

export function timingsTable(rows) {
  const lines = ['| request | client | ' + PHASES.map((p) => p.replace('time_', '')).join(' | ') + ' |', '|---|---|' + PHASES.map(() => '---|').join('')];
  for (const r of rows) {
    lines.push(`| ${r.name} | curl | ${r.curl.map((v) => v.toFixed(2)).join(' | ')} |`);
    lines.push(`| | qurl | ${r.qurl.map((v) => v.toFixed(2)).join(' | ')} |`);
    lines.push(`| | qurl − curl | ${r.qurl.map((v, k) => (v - r.curl[k]).toFixed(2)).join(' | ')} |`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startServe } = createRequire(import.meta.url)(join(root, 'dist/serve.cjs'));
  const serve = await startServe();
  const cases = [
    { name: 'HTTP/1.1 http://127.0.0.1/get', args: [`${serve.httpUrl}/get`] },
    { name: 'HTTP/1.1 http://localhost/delay/50', args: [`${serve.httpUrl.replace('127.0.0.1', 'localhost')}/delay/50`] },
    { name: 'HTTP/2 https://localhost/get', args: ['--cacert', serve.caFile, `${serve.httpsUrl}/get`], curlArgs: ['--http2'] },
  ];
  console.log(timingsTable(await measureTimings(cases, Number(process.env.RUNS ?? 15))));
  await serve.close();
}
