// Runs the workload against the running server: each read shape (warm-up, then timed operations
// one after another), the writes, the CSV import and the concurrent mix.
import type { Dataset } from '../dataset/generate';
import type { Plan } from '../dataset/plan';
import { Random } from '../dataset/random';
import { type Api, type HttpResult, isMissingRoute } from './http';
import { runImport, type ImportOutcome } from './importCsv';
import { type MixOutcome, runMix } from './concurrentMix';
import { type ReadShape, readShapes, type ShapeContext } from './readShapes';
import { MIN_SAMPLES, SERIES_MAX_MS } from './rawFloors';
import { type Summary, summarise } from './stats';
import { type CreatedContact, contactInput, createContact, updateContact } from './writeShapes';

export type ShapeStatus = 'ok' | 'unavailable' | 'failed';

export interface ShapeOutcome {
  name: string;
  budget: ReadShape['budget'] | 'write';
  status: ShapeStatus;
  summary?: Summary;
  detail?: string;
}

export interface ApiOutcome {
  reads: ShapeOutcome[];
  writes: ShapeOutcome[];
  import: ImportOutcome;
  mix: MixOutcome | null;
  created: CreatedContact[];
  iterations: number;
  /** Raw floors measured beside their API series (PostgreSQL). */
  floors: Record<string, Summary>;
}

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);
const WARMUP = 10;

function problem(results: HttpResult[]): { status: ShapeStatus; detail: string } | null {
  const bad = results.find((r) => r.status < 200 || r.status >= 300);
  if (!bad) return null;
  return {
    status: isMissingRoute(bad) ? 'unavailable' : 'failed',
    detail: `${bad.status} ${bad.body.slice(0, 240)}`,
  };
}

/** Times `op` ITERATIONS times after a warm-up; the first failing response ends the shape. */
async function measure(
  name: string,
  budget: ShapeOutcome['budget'],
  op: (i: number) => Promise<HttpResult[]>,
  log: (m: string) => void,
  iterations = ITERATIONS,
): Promise<ShapeOutcome> {
  for (let i = 0; i < WARMUP; i++) {
    const p = problem(await op(i));
    if (p) {
      log(`  ${name}: ${p.status} (${p.detail.slice(0, 120)})`);
      return { name, budget, ...p };
    }
  }
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) {
    const s = performance.now();
    const res = await op(WARMUP + i);
    times.push(performance.now() - s);
    const p = problem(res);
    if (p) {
      log(`  ${name}: ${p.status} (${p.detail.slice(0, 120)})`);
      return { name, budget, ...p };
    }
    if (times.length >= MIN_SAMPLES && performance.now() - t0 > SERIES_MAX_MS) break;
  }
  const summary = summarise(times, performance.now() - t0);
  log(`  ${name}: p50 ${summary.p50_ms} ms, p95 ${summary.p95_ms} ms`);
  return { name, budget, status: 'ok', summary };
}

export async function runWorkload(
  baseUrl: string,
  d: Dataset,
  plan: Plan,
  log: (m: string) => void,
  floor?: (shape: ReadShape) => Promise<Summary>,
): Promise<ApiOutcome> {
  const admin: Api = { baseUrl, token: d.tokens.admin };
  const c: ShapeContext = { admin, busyRep: { baseUrl, token: d.tokens.busyRep }, dataset: d };

  const reads: ShapeOutcome[] = [];
  const floors: Record<string, Summary> = {};
  for (const shape of readShapes) {
    reads.push(await measure(shape.name, shape.budget, (i) => shape.api(c, i), log));
    if (floor) {
      floors[shape.name] = await floor(shape);
      log(`    raw floor p95 ${floors[shape.name]!.p95_ms} ms`);
    }
  }

  const rnd = new Random(4242);
  const created: CreatedContact[] = [];
  const writes: ShapeOutcome[] = [];
  writes.push(
    await measure(
      'create contact',
      'write',
      async (i) => {
        const input = contactInput(rnd, i);
        const r = await createContact(admin, input);
        if (r.status === 201) created.push({ id: (JSON.parse(r.body) as { id: string }).id, input });
        return [r];
      },
      log,
    ),
  );
  writes.push(
    await measure(
      'update contact (If-Match)',
      'write',
      async (i) => {
        const target = created[i % created.length];
        if (!target) return [{ status: 599, ms: 0, body: 'no created contact to update', headers: {} }];
        const version = 1 + Math.floor(i / created.length);
        return [await updateContact(admin, target.id, version, i)];
      },
      log,
      Math.min(ITERATIONS, Math.max(created.length - WARMUP, 0)),
    ),
  );

  let mix: MixOutcome | null = null;
  const probe = await fetch(`${baseUrl}/api/v1/objects/contacts?limit=1`, {
    headers: { authorization: `Bearer ${admin.token}` },
  });
  if (probe.ok) {
    const seconds = plan.scale === 'small' ? 10 : 30;
    log(`  concurrent mix: 20 connections for ${seconds} s`);
    mix = await runMix(baseUrl, d, seconds);
    log(
      `  concurrent mix: ${mix.requests} requests, p95 ${mix.p95_ms} ms, max ${mix.max_ms} ms, non-2xx ${mix.non2xx}`,
    );
  } else log('  concurrent mix: skipped (record routes not served)');

  // The import runs last: a job still running after its follow time would otherwise share the
  // server with the concurrent mix.
  const importRows = plan.scale === 'small' ? 10_000 : 100_000;
  log(`  import: ${importRows.toLocaleString('en')} CSV rows`);
  // The small run must stay within a few minutes on a fresh clone.
  const imported = await runImport(admin, importRows, plan.scale === 'small' ? 120 : 300, log);

  return { reads, writes, import: imported, mix, created, iterations: ITERATIONS, floors };
}
