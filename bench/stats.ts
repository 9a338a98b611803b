/** Small summaries of benchmark samples (pure; no Node, no DOM). */

/** The p-th percentile (0–100) by linear interpolation between closest ranks; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    median: percentile(samples, 50),
    min: samples.length ? Math.min(...samples) : NaN,
    max: samples.length ? Math.max(...samples) : NaN,
  };
}

/** Frame statistics from rAF intervals (ms): frames per second over the whole span, p95 and longest frame. */
export function frameStats(intervals: readonly number[]): {
  frames: number;
  fps: number;
  p95: number;
  longest: number;
  over50: number;
} {
  const total = intervals.reduce((s, x) => s + x, 0);
  return {
    frames: intervals.length,
    fps: total > 0 ? (intervals.length * 1000) / total : NaN,
    p95: percentile(intervals, 95),
    longest: intervals.length ? Math.max(...intervals) : NaN,
    over50: intervals.filter((x) => x > 50).length,
  };
}
