// --har and --out-json: recorders on the run's trace, written when the run is over ('-' is stdout). A failed
// write is an error of its own (exit 23).
import { writeFileSync } from 'node:fs';
import type { TransferResult } from '../engine/index.js';
import { QurlError } from '../errors/index.js';
import { createHarRecorder, createRunRecorder } from '../render/index.js';
import type { TraceView } from '../trace/index.js';
import { VERSION } from './help-text.js';

export interface Transcripts {
  /** The recorders' views, for the run's trace sink. */
  readonly views: readonly TraceView[];
  finish(result: TransferResult): void;
  write(exitCode: number): void;
}

function writeTranscript(file: string, what: string, text: string): void {
  try {
    if (file === '-') process.stdout.write(text);
    else writeFileSync(file, text);
  } catch (err) {
    throw new QurlError('write', `Failure writing ${what} to ${file}: ${(err as Error).message}`);
  }
}

export function openTranscripts(values: Readonly<Record<string, unknown>>): Transcripts {
  const harFile = values.har as string | undefined;
  const recordFile = values.outJson as string | undefined;
  const har = harFile === undefined ? undefined : createHarRecorder({ name: 'qurl', version: VERSION });
  const record = recordFile === undefined ? undefined : createRunRecorder(VERSION);
  return {
    views: [har?.view, record?.view].filter((v): v is TraceView => v !== undefined),
    finish(result) {
      har?.finish(result);
      record?.finish(result);
    },
    write(exitCode) {
      if (har) writeTranscript(harFile!, 'the HAR log', `${JSON.stringify(har.document(), null, 2)}\n`);
      if (record) writeTranscript(recordFile!, 'the --out-json record', record.text(exitCode));
    },
  };
}
