// Starts `qurl serve` in-process for a test file.
import { startServe, type RunningServe } from '../../src/serve/index.js';

export async function withServe(): Promise<RunningServe> {
  return startServe({ host: '127.0.0.1' });
}
