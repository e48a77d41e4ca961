// `qurl grpc`: grpcurl's command line → GrpcSpec → the grpc application (its own bundle, loaded only here), with
// grpcurl's output view, the frame trace for -vv, and curl's -w and --timing after the call.
import { QurlError } from '../errors/index.js';
import { createFrameTraceView, createGrpcView, renderTiming, renderWriteOut } from '../render/index.js';
import { createTraceSink, type TraceView } from '../trace/index.js';
import { GRPC_OPTIONS, type GrpcOptionDef } from './grpc-option-table.js';
import { isStreamTty, openTraceOutput } from './outputs.js';
import { parseGrpcArgv } from './parse-grpc-argv.js';
import { toGrpcSpec } from './to-grpc-spec.js';

function grpcHelp(): string {
  const rows = (GRPC_OPTIONS as readonly GrpcOptionDef[]).map((o) => [`-${o.name}${o.arg ? ` ${o.arg}` : ''}`, `${o.help}${o.qurl ? ' (qurl)' : ''}`] as const);
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return [
    'Usage: qurl grpc [flags] ADDRESS [list [SERVICE] | describe [SYMBOL] | SERVICE/METHOD]',
    '       qurl grpc -proto FILE [-import-path DIR] list|describe [SYMBOL]',
    '',
    "grpcurl's flags, with one dash or two; ADDRESS is host:port, or an http:// or https:// URL.",
    '',
    ...rows.map(([l, h]) => `  ${l.padEnd(width)}${h}`),
    '',
  ].join('\n');
}

export async function runGrpcCommand(argv: readonly string[]): Promise<number> {
  const parsed = parseGrpcArgv(argv);
  if (parsed.values.help === true) {
    process.stdout.write(grpcHelp());
    return 0;
  }
  const spec = toGrpcSpec(parsed);
  const { grpcCodeName, runGrpc } = await import('../grpc/index.js');
  const views: TraceView[] = [
    createGrpcView({ out: process.stdout, err: process.stderr, verbose: spec.verbose, formatError: spec.formatError, codeName: grpcCodeName }),
  ];
  if (spec.transfer.traceFrames !== undefined) views.push(createFrameTraceView(openTraceOutput(spec.transfer.traceFrames)));
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort(new QurlError('aborted', 'interrupted')));
  const run = await runGrpc(spec, { sink: createTraceSink(views), signal: interrupt.signal });
  if (run.text !== undefined) process.stdout.write(run.text);
  if (run.result) {
    if (spec.transfer.writeOut !== undefined) renderWriteOut(spec.transfer.writeOut, run.result, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
    if (spec.transfer.timing) process.stderr.write(await renderTiming(run.result, { color: isStreamTty(process.stderr) && !process.env.NO_COLOR, width: process.stderr.columns ?? 100 }));
  }
  return run.exitCode;
}
