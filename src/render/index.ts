export { createVerboseView } from './verbose-view.js';
export type { VerboseOptions } from './verbose-view.js';
export { createTraceDumpView, dumpBytes, timestamp } from './trace-dump-view.js';
export type { TraceDumpOptions } from './trace-dump-view.js';
export { renderWriteOut, writeOutVariables } from './write-out.js';
export type { WriteOutTarget } from './write-out.js';
export { renderTiming } from './timing-view.js';
export type { TimingViewOptions } from './timing-view.js';
export { describeEvent } from './describe-event.js';
