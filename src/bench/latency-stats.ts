// Latency statistics of a load run: percentiles by nearest rank (as h2load and oha report them) and a histogram.

export interface LatencyStats {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly stdev: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

export interface HistogramBucket {
  /** The bucket's upper bound. */
  readonly upTo: number;
  readonly count: number;
}

/** Nearest-rank percentile of sorted values: the smallest value with at least p% of the values at or below it. */
function percentile(sorted: Float64Array, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function latencyStats(values: readonly number[]): LatencyStats | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / sorted.length;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  return {
    count: sorted.length,
    min: sorted[0]!,
    mean,
    stdev: Math.sqrt(squares / sorted.length),
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
  };
}

/** `buckets` equal-width buckets from the smallest value to the largest; every value lands in one. */
export function latencyHistogram(values: readonly number[], buckets = 10): HistogramBucket[] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) return [{ upTo: max, count: values.length }];
  const counts = new Array<number>(buckets).fill(0);
  for (const v of values) counts[Math.min(buckets - 1, Math.floor(((v - min) / (max - min)) * buckets))]!++;
  // Bounds a few ulps apart can round to the same value (or out of order): such buckets are merged upwards.
  const merged: { upTo: number; count: number }[] = [];
  counts.forEach((count, i) => {
    const bucket = { upTo: i === buckets - 1 ? max : min + ((max - min) * (i + 1)) / buckets, count };
    while (merged.length > 0 && merged[merged.length - 1]!.upTo >= bucket.upTo) bucket.count += merged.pop()!.count;
    merged.push(bucket);
  });
  return merged;
}
