// The performance budget of BENCHMARKS.md (held at 1M contacts on PostgreSQL; other runs are
// checked against it too, for information).
export const BUDGET = {
  list: { p95_ms: 50, ratio: 3 },
  search: { p95_ms: 100 },
  record: { p95_ms: 30 },
  pipeline: { p95_ms: 300 },
  importRowsPerSecond: 10_000,
  mixMaxMs: 1000,
} as const;

export type BudgetKind = 'list' | 'search' | 'record' | 'pipeline' | 'write' | 'import' | 'mix';

export function budgetText(kind: BudgetKind): string {
  switch (kind) {
    case 'list':
      return `p95 ≤ ${BUDGET.list.p95_ms} ms and ≤ ${BUDGET.list.ratio}× raw`;
    case 'search':
      return `p95 ≤ ${BUDGET.search.p95_ms} ms`;
    case 'record':
      return `p95 ≤ ${BUDGET.record.p95_ms} ms`;
    case 'pipeline':
      return `≤ ${BUDGET.pipeline.p95_ms} ms`;
    case 'import':
      return `≥ ${BUDGET.importRowsPerSecond.toLocaleString('en')} rows/s`;
    case 'mix':
      return 'no request over 1 s';
    case 'write':
      return '—';
  }
}

export interface Verdictable {
  p95_ms: number | null;
  ratio: number | null;
  ops_per_s: number | null;
  max_ms?: number | null;
}

/** true = within budget, false = a miss, null = no budget or nothing measured. */
export function withinBudget(kind: BudgetKind, r: Verdictable): boolean | null {
  if (kind === 'write') return null;
  if (kind === 'import') return r.ops_per_s === null ? null : r.ops_per_s >= BUDGET.importRowsPerSecond;
  if (kind === 'mix') return r.max_ms == null ? null : r.max_ms <= BUDGET.mixMaxMs;
  if (r.p95_ms === null) return null;
  if (kind === 'list')
    return r.p95_ms <= BUDGET.list.p95_ms && (r.ratio === null || r.ratio <= BUDGET.list.ratio);
  return r.p95_ms <= BUDGET[kind].p95_ms;
}
