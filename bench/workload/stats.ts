// Percentiles over measured durations (nearest-rank), the figures every result row reports.
export interface Summary {
  n: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  ops_per_s: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** `wallMs` is the time the whole series took (ops/s is of one client issuing them in turn). */
export function summarise(samples: number[], wallMs: number): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50_ms: round(percentile(s, 50)),
    p95_ms: round(percentile(s, 95)),
    p99_ms: round(percentile(s, 99)),
    max_ms: round(s[s.length - 1] ?? Number.NaN),
    ops_per_s: round((s.length / wallMs) * 1000),
  };
}
