/** Latencies of one kind of request, in ms. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * The nearest-rank percentiles and maximum of `latencies` (all 0 when there are none).
 * @example summarizeLatencies([3, 1, 2]) // { count: 3, p50: 2, p99: 3, max: 3 }
 */
export function summarizeLatencies(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const rank = (p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, p50: Math.round(rank(50)), p99: Math.round(rank(99)), max: Math.round(sorted.at(-1) ?? 0) };
}
