// The on-screen table: each figure beside its raw-SQL floor, the ratio and the budget verdict.
import type { Report } from './writeResults';

const f = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : v.toFixed(digits);

export function formatTable(report: Report): string {
  const head = ['shape', 'p50 ms', 'p95 ms', 'ops/s', 'raw p95', 'ratio', 'budget', 'verdict'];
  const rows = report.results.map((r) => [
    r.name,
    f(r.p50_ms),
    f(r.p95_ms),
    f(r.ops_per_s, 0),
    f(r.raw_p95_ms, 2),
    r.ratio === null ? '—' : `${r.ratio.toFixed(1)}×`,
    r.budget,
    r.status !== 'ok' ? r.status : r.within_budget === null ? '' : r.within_budget ? 'ok' : 'MISS',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function printTable(report: Report): void {
  process.stdout.write(
    `\n${report.store} / ${report.scale}: ${JSON.stringify({ contacts: report.dataset.contacts })}\n`,
  );
  process.stdout.write(
    `${formatTable(report)}\n\nWritten to bench/results/latest.json and bench/results/${report.store}-${report.scale}.json\n`,
  );
}
