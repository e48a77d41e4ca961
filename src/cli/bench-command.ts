// `qurl bench`: a load run of one request (h2load's and oha's options for the load, curl's for the request),
// reported as a table with a latency histogram, or as JSON.
import { benchJson, benchTable, parseBenchArgs, runBench } from '../bench/index.js';
import { QurlError } from '../errors/index.js';
import { BENCH_OPTIONS, optionRows } from './command-options.js';
import { isStreamTty } from './outputs.js';
import { parseArgv } from './parse-argv.js';
import { toRequestSpec } from './to-request-spec.js';

const BENCH_HELP = `Usage: qurl bench [load options] [curl options] URL

Sends one request again and again through qurl's engine (HTTP/1.1, HTTP/2, HTTP/3, proxies) and reports the
latency (min, mean, p50, p90, p99, max and a histogram), status codes, errors and throughput.

Load options (as h2load and oha name them; they take the place of curl's -n, -c and -m here):
${optionRows(BENCH_OPTIONS)}

The request takes curl's options: -X, -H, -d, -u, -k, --cacert, --http1.1, --http2, --http2-prior-knowledge,
--http3-only, -x, --resolve, --connect-to, --max-time (per request), -f (4xx and 5xx count as errors), …
Exit status: 0 when every request got a response, else the curl exit code of the last failure.
`;

export async function runBenchCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(BENCH_HELP);
    return 0;
  }
  const { load, rest } = parseBenchArgs(argv);
  const spec = toRequestSpec(parseArgv(rest));
  if (spec.urls.length !== 1) throw new QurlError('bad-option', `qurl bench takes exactly one URL, got ${spec.urls.length} (try 'qurl bench --help')`);
  if (spec.urls[0]!.upload !== undefined) throw new QurlError('bad-option', "qurl bench cannot send -T uploads: give the body with -d @FILE (try 'qurl bench --help')");
  if (spec.data.some((d) => d.value === '@-') || spec.form.some((f) => f.value === '-')) throw new QurlError('bad-option', "qurl bench reads a request body once per request, and stdin only once: give it with -d @FILE (try 'qurl bench --help')");
  const run = await runBench(spec, load);
  const color = isStreamTty(process.stdout) && !process.env.NO_COLOR;
  process.stdout.write(load.json ? benchJson(run) : await benchTable(run, { color, width: process.stdout.columns ?? 100 }));
  return run.exitCode;
}
