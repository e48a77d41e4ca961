// `qurl grpc`: grpcurl's command line → GrpcSpec → the grpc application (its own bundle, loaded only here), with
// grpcurl's output view, the frame trace for -vv, and curl's -w and --timing after the call.
import { writeFileSync } from 'node:fs';
import { createAppEngine } from '../engine/index.js';
import { QurlError } from '../errors/index.js';
import { VERSION } from './help-text.js';
import { createFrameTraceView, createGrpcRecorder, createGrpcView, renderTiming, renderWriteOut, type GrpcCallDocument } from '../render/index.js';
import { createTraceSink, type TraceView } from '../trace/index.js';
import { GRPC_OPTIONS, type GrpcOptionDef } from './grpc-option-table.js';
import { isStreamTty, openTraceOutput } from './outputs.js';
import { parseGrpcArgv } from './parse-grpc-argv.js';
import { openTranscripts } from './transcripts.js';
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

/** The transport's advice names curl's flags; qurl grpc spells them as grpcurl does (or has no such flag). */
const GRPC_SPELLINGS: readonly (readonly [string, string])[] = [
  ['skip verification with -k', 'skip verification with -insecure'],
  ['give it with -U USER:PASS or -x scheme://USER:PASS@host', 'give it in the proxy URL: -proxy http://USER:PASS@host:port'],
  ['give them with -U USER:PASS', 'give them in the proxy URL: -proxy socks5://USER:PASS@host:port'],
  ['(does it need -U USER:PASS?)', '(does it need USER:PASS in the -proxy URL?)'],
];

function inGrpcTerms(err: unknown): unknown {
  if (!(err instanceof QurlError)) return err;
  const message = GRPC_SPELLINGS.reduce((text, [curl, grpc]) => text.replace(curl, grpc), err.message);
  return message === err.message ? err : new QurlError(err.kind, message, { cause: err, context: err.context });
}

/** --out-json: '-' is stdout. */
function writeOutJson(target: string, document: GrpcCallDocument): void {
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (target === '-') process.stdout.write(text);
  else {
    try {
      writeFileSync(target, text);
    } catch (err) {
      throw new QurlError('write', `cannot write --out-json ${target}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
}

export async function runGrpcCommand(argv: readonly string[]): Promise<number> {
  const parsed = parseGrpcArgv(argv);
  if (parsed.values.help === true) {
    process.stdout.write(grpcHelp());
    return 0;
  }
  if (parsed.values.version === true) {
    process.stdout.write(`qurl grpc ${VERSION}\n`);
    return 0;
  }
  const spec = toGrpcSpec(parsed);
  const { grpcCodeName, runGrpc, showMetadataValue } = await import('../grpc/index.js');
  const grpcView = createGrpcView({ out: process.stdout, err: process.stderr, verbose: spec.verbose, formatError: spec.formatError, codeName: grpcCodeName, showValue: showMetadataValue });
  const views: TraceView[] = [grpcView];
  // -vv adds the frames (to stderr, as curl's -v) unless --trace-frames sends them elsewhere.
  const frames = spec.transfer.traceFrames ?? (spec.verbose > 1 ? '%' : undefined);
  const frameOut = frames === undefined ? undefined : openTraceOutput(frames);
  if (frameOut) views.push(createFrameTraceView(frameOut));
  const recorder = spec.outJson !== undefined || spec.transfer.timing ? createGrpcRecorder() : undefined;
  if (recorder) views.push(recorder.view);
  const har = spec.har === undefined ? undefined : openTranscripts({ har: spec.har });
  if (har) views.push(...har.views);
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort(new QurlError('aborted', 'interrupted')));
  const engine = createAppEngine({ sink: createTraceSink(views), signal: interrupt.signal, drained: grpcView.drained });
  try {
    const run = await runGrpc(spec, engine);
    if (run.text !== undefined) process.stdout.write(run.text);
    if (run.result && run.startedAt !== undefined) {
      const { result, startedAt } = run;
      if (spec.transfer.writeOut !== undefined) renderWriteOut(spec.transfer.writeOut, result, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
      if (recorder && spec.outJson !== undefined) writeOutJson(spec.outJson, recorder.document(spec.symbol, result, startedAt, grpcCodeName));
      har?.finish(result);
      if (recorder && spec.transfer.timing) {
        const { first, last } = recorder.messageTimes(startedAt);
        const moments = [...(first === null ? [] : [{ name: 'first message', at: first }]), ...(last === null ? [] : [{ name: 'last message', at: last }])];
        process.stderr.write(await renderTiming(result, { color: isStreamTty(process.stderr) && !process.env.NO_COLOR, width: process.stderr.columns ?? 100, moments }));
      }
    }
    har?.write(run.exitCode);
    return run.exitCode;
  } catch (err) {
    throw inGrpcTerms(err);
  } finally {
    engine.close();
    if (frameOut && frameOut !== process.stdout && frameOut !== process.stderr) await new Promise((r) => frameOut.end(r));
  }
}
