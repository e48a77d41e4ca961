// qurl's entry: argv → RequestSpec → engine, with render views wired in; the only place that prints errors and exits.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { runTransfers, type RequestSpec, type TransferResult, type UrlJob } from '../engine/index.js';
import { QurlError, isQurlError } from '../errors/index.js';
import { createFrameTraceView, createProgressMeter, createRunTimeline, type ProgressMeter, createTraceDumpView, createVerboseView, renderRunWaterfall, renderTiming, renderWriteOut } from '../render/index.js';
import { createTraceSink, type TraceView } from '../trace/index.js';
import { findDefaultConfig, skipsDefaultConfig } from './default-config.js';
import { expandArgv } from './expand-argv.js';
import { HELP_TOPICS, helpText, versionText } from './help-text.js';
import { openTranscripts } from './transcripts.js';
import { createStdoutGate, type StdoutGate } from './stdout-gate.js';
import { stdoutPresenter } from './terminal-view.js';
import { flushed, isStreamTty, openTraceOutput } from './outputs.js';
import { parseArgv, parseArgvGroups, type ParsedArgv } from './parse-argv.js';
import { sseOptionsUsed, toSseSpec } from './to-sse-spec.js';
import { toRequestSpec } from './to-request-spec.js';

const stderrColor = (): boolean => isStreamTty(process.stderr) && !process.env.NO_COLOR;

function printError(err: QurlError): void {
  process.stderr.write(`qurl: (${err.exitCode}) ${err.message}\n`);
}

function buildViews(spec: RequestSpec): { views: TraceView[]; files: Writable[] } {
  const views: TraceView[] = [];
  const files: Writable[] = [];
  let traceOut: Writable | undefined;
  if (spec.traceFile !== undefined) {
    traceOut = openTraceOutput(spec.traceFile);
    views.push(createTraceDumpView({ out: traceOut, ascii: spec.traceAscii, withTime: spec.traceTime }));
  } else if (spec.verbose > 0) {
    const bodyToTerminal = spec.urls.every((u) => !u.output && !u.remoteName) && isStreamTty(process.stdout);
    views.push(createVerboseView({ out: process.stderr, showDataLines: !bodyToTerminal, withTime: spec.traceTime }));
  }
  if (spec.traceFrames !== undefined) {
    const out = spec.traceFrames === spec.traceFile && traceOut ? traceOut : openTraceOutput(spec.traceFrames);
    views.push(createFrameTraceView(out));
    files.push(out);
  }
  if (traceOut) files.push(traceOut);
  return { views, files };
}

/** `timing`: false when the run draws one waterfall for all its transfers at the end instead; `stdout`: the transfer's (-Z). */
async function onTransferDone(spec: RequestSpec, result: TransferResult, timing = spec.timing, stdout: Writable = process.stdout): Promise<void> {
  if (spec.writeOut !== undefined) {
    renderWriteOut(spec.writeOut, result, {
      stdout: (t) => stdout.write(t),
      stderr: (t) => process.stderr.write(t),
    });
  }
  if (timing) {
    process.stderr.write(await renderTiming(result, { color: stderrColor(), width: process.stderr.columns ?? 100 }));
  }
  if (result.error && (!spec.silent || spec.showError)) printError(result.error);
}

const bodyToStdout = (u: UrlJob): boolean => (u.output === undefined || u.output === '-') && !u.remoteName;

/**
 * curl's progress meter (or -#'s bar) on stderr: only when stderr is a terminal, no body goes to the terminal,
 * and nothing else writes to stderr as it goes (-s, --no-progress-meter, -v and traces to stderr turn it off).
 */
function progressMeterFor(specs: readonly RequestSpec[]): ProgressMeter | undefined {
  const first = specs[0]!;
  if (first.progress === 'none' || first.silent || first.verbose > 0 || first.traceFile === '%' || !isStreamTty(process.stderr)) return undefined;
  const bodyToTerminal = isStreamTty(process.stdout) && specs.some((s) => s.urls.some(bodyToStdout));
  if (bodyToTerminal) return undefined;
  return createProgressMeter({ out: process.stderr, style: first.progress, parallel: first.parallel, columns: () => process.stderr.columns || 80 });
}

/** -Z with more than one body for stdout: a gate, so that each comes out whole. */
function stdoutGateFor(specs: readonly RequestSpec[]): StdoutGate | undefined {
  if (!specs[0]!.parallel) return undefined;
  const toStdout = specs.reduce((n, s) => n + s.urls.filter(bodyToStdout).length, 0);
  return toStdout > 1 || specs.some((s) => s.writeOut !== undefined) ? createStdoutGate(process.stdout) : undefined;
}

/** -M: the installed man page through man(1) and its pager; without man, the page's text. */
async function showManual(): Promise<number> {
  // main runs from the CommonJS bundle in dist/ (bin/qurl.js gives it dist as __dirname); man/ is its sibling.
  const page = join(__dirname, '..', 'man', 'qurl.1');
  if (!existsSync(page)) throw new QurlError('read-file', `the manual is not installed with this qurl (${page}); see qurl --help`);
  // Loaded here: node:child_process brings node:dgram with it, a few ms of every run's start-up.
  const { spawnSync } = await import('node:child_process');
  const shown = spawnSync('man', ['-l', page], { stdio: 'inherit' });
  if (!shown.error) return shown.status ?? 0;
  // No man(1) here: the page's text, its roff taken out.
  const text = readFileSync(page, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('.\\"'))
    .map((line) => line.replace(/^\.(SH|SS) (.*)$/, '\n$2').replace(/^\.(TH|TP|PP|br|BR)\b.*$/, '').replace(/\\f[BIR]/g, '').replace(/\\-/g, '-').replace(/\\e/g, '\\').replace(/\\&/g, '').replace(/\\\[u([0-9A-F]{4,})\]/g, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16))))
    .join('\n');
  process.stdout.write(`${text.replace(/\n{3,}/g, '\n\n').trim()}\n`);
  return 0;
}

/** curl's warnings: what does not fail the run, on stderr unless -s. */
function warn(spec: RequestSpec, message: string): void {
  if (!spec.silent) process.stderr.write(`Warning: ${message}\n`);
}

async function runSseCommand(parsed: ParsedArgv, spec: RequestSpec): Promise<number> {
  if (spec.urls.length !== 1) throw new QurlError('bad-option', 'qurl sse takes exactly one URL');
  for (const w of spec.warnings) warn(spec, w);
  const sse = toSseSpec(parsed, isStreamTty(process.stdout));
  const { views } = buildViews(spec);
  const transcripts = openTranscripts(parsed.values);
  views.push(...transcripts.views);
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  process.once('SIGTERM', () => interrupt.abort());
  const { runSse } = await import('../sse/index.js');
  const code = await runSse(spec, sse, {
    sink: createTraceSink(views),
    stdout: process.stdout,
    color: isStreamTty(process.stdout) && !process.env.NO_COLOR,
    interrupt: interrupt.signal,
    onTransferDone: (r) => onTransferDone(spec, r),
    onConnectionDone: (r) => transcripts.finish(r),
    onWarning: (message) => warn(spec, message),
  });
  transcripts.write(code);
  return code;
}

/** The default config file, -K files, --variable and --expand-, then the options of each group; warnings unless -s. */
function parseGiven(given: readonly string[], isSse: boolean): ParsedArgv[] {
  const rc = skipsDefaultConfig(given) ? undefined : findDefaultConfig();
  const expanded = expandArgv(rc === undefined ? given : ['--config', rc, ...given]);
  const show = (): void => {
    for (const w of expanded.warnings) process.stderr.write(`Warning: ${w}\n`);
  };
  let groups: ParsedArgv[];
  try {
    groups = isSse ? [parseArgv(expanded.argv)] : parseArgvGroups(expanded.argv);
  } catch (err) {
    show();
    throw err;
  }
  if (groups[0]?.values.silent !== true) show();
  return groups;
}

async function run(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'help') {
    const topic = argv[1];
    if (topic === undefined) {
      process.stdout.write(helpText());
      return 0;
    }
    if (HELP_TOPICS.includes(topic)) return run([topic, '--help']);
    throw new QurlError('bad-option', `no help on "${topic}": try 'qurl help' or 'qurl help ${HELP_TOPICS.join('|')}' (a host called help: 'qurl http://help/')`);
  }
  if (argv[0] === 'grpc') {
    const { runGrpcCommand } = await import('./grpc-command.js');
    return runGrpcCommand(argv.slice(1));
  }
  if (argv[0] === 'bench') {
    const { runBenchCommand } = await import('./bench-command.js');
    return runBenchCommand(argv.slice(1));
  }
  if (argv[0] === 'serve') {
    const { runServeCommand } = await import('../serve/index.js');
    return runServeCommand(argv.slice(1));
  }
  const isSse = argv[0] === 'sse';
  const groups = parseGiven(isSse ? argv.slice(1) : argv, isSse);
  const parsed = groups[0]!;
  const help = groups.map((g) => g.values.help as string | true | undefined).find((v) => v !== undefined);
  if (help !== undefined) {
    process.stdout.write(helpText(help));
    return 0;
  }
  if (groups.some((g) => g.values.manual === true)) return showManual();
  if (groups.some((g) => g.values.version === true)) {
    process.stdout.write(versionText());
    return 0;
  }
  const shell = groups.map((g) => g.values.completions).find((v) => v !== undefined);
  if (shell !== undefined) {
    const { completionScript, SHELLS } = await import('./docs/index.js');
    if (!SHELLS.includes(shell as never)) throw new QurlError('bad-option', `--completions: no script for "${String(shell)}" (bash, zsh or fish)`);
    process.stdout.write(completionScript(shell as (typeof SHELLS)[number]));
    return 0;
  }
  const misplaced = isSse ? [] : groups.flatMap(sseOptionsUsed);
  if (misplaced.length > 0) throw new QurlError('bad-option', `${misplaced.join(', ')} belong${misplaced.length === 1 ? 's' : ''} to qurl sse (try 'qurl sse ${misplaced[0]} … URL')`);
  if (isSse) return runSseCommand(parsed, toRequestSpec(parsed));
  const specs = groups.map(toRequestSpec);
  for (const spec of specs) for (const w of spec.warnings) warn(spec, w);
  // The views are global options, the same in every group.
  const { views, files } = buildViews(specs[0]!);
  const transcripts = openTranscripts(parsed.values);
  views.push(...transcripts.views);
  // --timing over several transfers: one waterfall on a shared axis when the run is over.
  const shared = specs.some((s) => s.timing) && specs.reduce((n, s) => n + s.urls.length, 0) > 1 ? createRunTimeline() : undefined;
  const timed: TransferResult[] = [];
  if (shared) views.push(shared.view);
  const progress = progressMeterFor(specs);
  const gate = stdoutGateFor(specs);
  const slots = new Map<number, Writable>();
  const stdoutOf = (id: number): Writable => slots.get(id) ?? process.stdout;
  const code = await runTransfers(specs, {
    sink: createTraceSink(views),
    stdoutFor: gate && ((id) => {
      const slot = gate.slot(id);
      slots.set(id, slot);
      return slot;
    }),
    onLive: progress && ((live) => progress.start(live)),
    stdout: process.stdout,
    present: stdoutPresenter(parsed.values),
    onTransferDone: (r, spec) => {
      progress?.finish(r.transferId);
      transcripts.finish(r);
      if (shared && spec.timing) timed.push(r);
      return onTransferDone(spec, r, spec.timing && !shared, stdoutOf(r.transferId)).then(() => gate?.finish(r.transferId));
    },
    onAttemptFailed: (r, spec) => {
      progress?.finish(r.transferId);
      if (r.error && (!spec.silent || spec.showError)) printError(r.error);
    },
    onWarning: (message, spec) => warn(spec, message),
  });
  progress?.close();
  await gate?.idle();
  for (const f of new Set(files)) if (f !== process.stdout && f !== process.stderr) await new Promise((r) => f.end(r));
  if (shared && timed.length > 0) {
    process.stderr.write(await renderRunWaterfall(timed, shared, { color: stderrColor(), width: process.stderr.columns ?? 100 }));
  }
  transcripts.write(code);
  return code;
}

export async function main(argv: readonly string[]): Promise<void> {
  let code: number;
  process.stdout.on('error', () => process.exit(23));
  // A run ends only when its transfers end: node:http2 can unref a connection that nghttp2 gave up on, and
  // an empty event loop would then end qurl silently with exit 0. Timeouts and keepalive PINGs bound the wait.
  const alive = setInterval(() => {}, 2 ** 30);
  try {
    code = await run(argv);
  } catch (err) {
    if (isQurlError(err)) {
      printError(err);
      code = err.exitCode;
    } else {
      process.stderr.write(`qurl: internal error: ${err instanceof Error ? err.message : String(err)} (please report it)\n`);
      code = 1;
    }
  }
  clearInterval(alive);
  await flushed(process.stdout);
  process.exit(code);
}
