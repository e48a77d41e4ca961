export { runSse } from './run-sse.js';
export type { SseEnv } from './run-sse.js';
export { reconnectDelay } from './reconnect-delay.js';
export { checkSseResponse } from './sse-sink.js';
export type { SseFormat, SseSpec } from './sse-spec.js';
