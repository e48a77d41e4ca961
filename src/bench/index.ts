export { parseBenchArgs, type BenchArgs, type BenchLoad } from './bench-options.js';
export { runBench, type BenchRun } from './run-bench.js';
export { benchJson, benchTable } from './bench-report.js';
export { latencyHistogram, latencyStats, type HistogramBucket, type LatencyStats } from './latency-stats.js';
