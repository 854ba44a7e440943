// bench/results/latest.json and the per-run copy bench/results/<store>-<scale>.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Dataset } from '../dataset/generate';
import type { Plan } from '../dataset/plan';
import type { ApiOutcome } from '../workload/runWorkload';
import type { RawOutcome } from '../workload/rawFloors';
import { type BudgetKind, budgetText, withinBudget } from './budget';

export interface ResultRow {
  name: string;
  budget: string;
  status: 'ok' | 'unavailable' | 'failed';
  p50_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
  ops_per_s: number | null;
  raw_p95_ms: number | null;
  ratio: number | null;
  within_budget: boolean | null;
  detail?: string;
}

export interface Report {
  machine: Record<string, unknown>;
  store: string;
  scale: string;
  generated_at: string;
  command: string;
  dataset: Record<string, unknown>;
  results: ResultRow[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;

function row(kind: BudgetKind, base: Omit<ResultRow, 'budget' | 'within_budget'>): ResultRow {
  return {
    ...base,
    budget: budgetText(kind),
    within_budget: base.status === 'ok' ? withinBudget(kind, base) : null,
  };
}

export function buildReport(input: {
  store: string;
  scale: string;
  plan: Plan;
  dataset: Dataset;
  api: ApiOutcome;
  raw: RawOutcome;
  loadAverage: { start: number[]; end: number[] };
}): Report {
  const { api, raw, dataset } = input;
  const results: ResultRow[] = [];
  for (const r of api.reads) {
    const floor = raw.floors[r.name];
    const s = r.summary;
    results.push(
      row(r.budget as BudgetKind, {
        name: r.name,
        status: r.status,
        p50_ms: s?.p50_ms ?? null,
        p95_ms: s?.p95_ms ?? null,
        max_ms: s?.max_ms ?? null,
        ops_per_s: s?.ops_per_s ?? null,
        raw_p95_ms: floor?.p95_ms ?? null,
        ratio: s && floor && floor.p95_ms > 0 ? r2(s.p95_ms / floor.p95_ms) : null,
        detail: r.detail,
      }),
    );
  }
  for (const w of api.writes)
    results.push(
      row('write', {
        name: w.name,
        status: w.status,
        p50_ms: w.summary?.p50_ms ?? null,
        p95_ms: w.summary?.p95_ms ?? null,
        max_ms: w.summary?.max_ms ?? null,
        ops_per_s: w.summary?.ops_per_s ?? null,
        raw_p95_ms: null,
        ratio: null,
        detail: w.detail,
      }),
    );
  const imp = api.import;
  results.push(
    row('import', {
      name: `import ${imp.rows.toLocaleString('en')}-row CSV (rows/s)`,
      status: imp.status === 'done' || imp.status === 'partial' ? 'ok' : imp.status,
      p50_ms: null,
      p95_ms: null,
      max_ms: imp.status === 'done' ? r2(imp.seconds * 1000) : null,
      ops_per_s: imp.rowsPerSecond,
      raw_p95_ms: null,
      ratio: null,
      detail: imp.detail ?? (imp.counts ? JSON.stringify(imp.counts) : undefined),
    }),
  );
  const m = api.mix;
  results.push(
    row('mix', {
      name: 'concurrent mix, 20 connections',
      // No response at all within the mix's duration is a failure, not a missing figure.
      status: m ? (m.non2xx || m.errors || m.requests === 0 ? 'failed' : 'ok') : 'unavailable',
      p50_ms: m?.p50_ms ?? null,
      p95_ms: m?.p95_ms ?? null,
      max_ms: m?.max_ms ?? null,
      ops_per_s: m?.ops_per_s ?? null,
      raw_p95_ms: null,
      ratio: null,
      detail: m
        ? `${m.requests} requests in ${m.seconds} s, ${m.non2xx} non-2xx, ${m.errors} errors, ${m.over1s} over 1 s`
        : undefined,
    }),
  );

  const cpus = os.cpus();
  return {
    machine: {
      cpus: cpus.length,
      cpu_model: cpus[0]?.model ?? 'unknown',
      memory_gb: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      // Other work on the machine skews every figure: the load average says how busy it was.
      load_average: input.loadAverage,
    },
    store: input.store,
    scale: input.scale,
    generated_at: new Date().toISOString(),
    command: `npm run bench -- --scale ${input.scale} --store ${input.store}`,
    dataset: {
      ...dataset.counts,
      custom_fields: [
        'contacts.customerLevel (select, indexed)',
        'contacts.wechat (text, searchable)',
        'companies.creditRating (select)',
        'deals.region (select, indexed)',
        'deals.contractYears (number, indexed)',
      ],
      currency: dataset.currency,
      exchange_rates: dataset.rates,
      generate_seconds: dataset.seconds,
      search_key_check: raw.searchKeyCheck,
      iterations_per_shape: api.iterations,
    },
    results,
  };
}

export function writeResults(input: Parameters<typeof buildReport>[0] & { root: string }): Report {
  const report = buildReport(input);
  const dir = path.join(input.root, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  fs.writeFileSync(path.join(dir, 'latest.json'), text);
  fs.writeFileSync(path.join(dir, `${input.store}-${input.scale}.json`), text);
  return report;
}
