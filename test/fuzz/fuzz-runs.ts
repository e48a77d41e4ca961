// How hard the fuzz tests in test/fuzz push: a short run inside `npm test`, 100,000 runs from `npm run fuzz`.
// QURL_FUZZ_RUNS sets the runs of every property; QURL_FUZZ_SEED and QURL_FUZZ_PATH replay a reported failure.
import type fc from 'fast-check';

const DEFAULT_RUNS = 1000;
/** Per-run allowance for the vitest timeout, far above what any decoder here needs for one small input. */
const MS_PER_RUN = 2;

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name}=${raw} is not a positive integer`);
  return n;
}

export const FUZZ_RUNS = positiveInteger('QURL_FUZZ_RUNS', DEFAULT_RUNS);

/** The vitest timeout for one fuzz property: 30 s plus room for the runs. */
export const FUZZ_TIMEOUT_MS = 30_000 + FUZZ_RUNS * MS_PER_RUN;

const seed = process.env.QURL_FUZZ_SEED;
const path = process.env.QURL_FUZZ_PATH;

/** fast-check parameters for one fuzz property: `fc.assert(property, fuzzParameters())`. */
export function fuzzParameters<T>(): fc.Parameters<T> {
  const replay = seed ? { seed: Number(seed), ...(path ? { path } : {}) } : {};
  return { numRuns: FUZZ_RUNS, ...replay };
}
