// The raw-SQL floor of every read shape, run through the driver (pg or PGlite) on the same data in
// the same run, one query after another like the API's series. Also checks that the search keys
// the generator wrote are the ones the app writes, by recomputing the key of contacts the API made.
import { loadedObject } from '../dataset/customFields';
import type { Dataset } from '../dataset/generate';
import type { Loader } from '../dataset/loader';
import { contactKeys } from '../dataset/records';
import type { Ctx } from '../../apps/server/src/platform/context';
import { type ReadShape, readShapes } from './readShapes';
import type { CreatedContact } from './writeShapes';
import { type Summary, summarise } from './stats';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);
const WARMUP = 10;
export const MIN_SAMPLES = 20;
export const SERIES_MAX_MS = 30_000;

export interface RawOutcome {
  floors: Record<string, Summary>;
  searchKeyCheck: { checked: number; matching: number };
}

/** One shape's floor: the same warm-up and series as its API measurement. */
export async function measureFloor(db: Loader, d: Dataset, shape: ReadShape): Promise<Summary> {
  for (let i = 0; i < WARMUP; i++) await shape.raw(db, d, i);
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const s = performance.now();
    await shape.raw(db, d, WARMUP + i);
    times.push(performance.now() - s);
    // Bounded: a pathological shape stops after SERIES_MAX_MS once it has MIN_SAMPLES.
    if (times.length >= MIN_SAMPLES && performance.now() - t0 > SERIES_MAX_MS) break;
  }
  return summarise(times, performance.now() - t0);
}

/**
 * The floors not measured yet (on PostgreSQL each is measured right after its API series, under
 * the same machine load; PGlite admits one process, so there they all run after the server stops),
 * then the search-key check.
 */
export async function runRawFloors(
  db: Loader,
  d: Dataset,
  created: CreatedContact[],
  measured: Record<string, Summary>,
  log: (m: string) => void,
): Promise<RawOutcome> {
  const floors: Record<string, Summary> = { ...measured };
  for (const shape of readShapes) {
    if (floors[shape.name]) continue;
    floors[shape.name] = await measureFloor(db, d, shape);
    log(`  ${shape.name}: raw p95 ${floors[shape.name]!.p95_ms} ms`);
  }

  return { floors, searchKeyCheck: await checkSearchKeys(db, d, created, log) };
}

/** Recomputes the key of contacts the API made with the generator's code and compares. */
export async function checkSearchKeys(
  db: Loader,
  d: Dataset,
  created: CreatedContact[],
  log: (m: string) => void,
): Promise<RawOutcome['searchKeyCheck']> {
  const meta = loadedObject('contacts', d.currency);
  let matching = 0;
  const sample = created.slice(0, 20);
  for (const c of sample) {
    // The workload's update changed the title after the create: the key is recomputed from the
    // values the contact holds now (the input's other fields, the stored title and department).
    const rows = await db.query<{ search_text: string; title: string | null; department: string | null }>(
      'SELECT search_text, title, department FROM contacts WHERE workspace_id = $1 AND id = $2',
      [d.workspaceId, c.id],
    );
    const mine = await contactKeys(meta, { workspaceId: d.workspaceId } as unknown as Ctx, {
      ...c.input,
      title: rows[0]?.title ?? null,
      department: rows[0]?.department ?? null,
      emails: [],
      phones: [],
    });
    if (rows[0]?.search_text === mine.searchText) matching++;
    else if (matching === 0)
      log(`  search key differs: app "${rows[0]?.search_text}" vs generator "${mine.searchText}"`);
  }
  if (sample.length)
    log(`  search keys: ${matching} of ${sample.length} API-made contacts match the generator's key`);
  return { checked: sample.length, matching };
}
