// Secondary indexes are dropped before the bulk load and rebuilt after it, as pg_restore does: one
// sorted build per index is many times faster than maintaining a dozen indexes (trigram GINs among
// them) row by row. Primary keys and constraints stay, so duplicates still fail the load.
import type { Loader } from './loader';

export const BULK_TABLES = [
  'companies',
  'contacts',
  'deals',
  'deal_contacts',
  'deal_stage_history',
  'activities',
  'activity_links',
  'record_history',
];

export interface SavedIndex {
  name: string;
  table: string;
  definition: string;
}

export async function dropSecondaryIndexes(db: Loader): Promise<SavedIndex[]> {
  const rows = await db.query<{ name: string; table: string; definition: string }>(
    `SELECT i.indexname AS name, i.tablename AS table, i.indexdef AS definition
     FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
     ORDER BY i.tablename, i.indexname`,
    [BULK_TABLES],
  );
  for (const r of rows) await db.query(`DROP INDEX ${r.name}`);
  return rows;
}

export async function rebuildIndexes(
  db: Loader,
  saved: SavedIndex[],
  extra: string[],
  log: (m: string) => void,
): Promise<void> {
  if (db.kind === 'postgres') {
    await db.query(`SET maintenance_work_mem = '1GB'`);
    await db.query('SET max_parallel_maintenance_workers = 2');
  }
  for (const s of saved) {
    const t = Date.now();
    await db.query(s.definition);
    const ms = Date.now() - t;
    if (ms > Number(process.env.BENCH_INDEX_LOG_MS ?? 5000))
      log(`  index ${s.name}: ${(ms / 1000).toFixed(1)} s`);
  }
  for (const stmt of extra) await db.query(stmt);
  // VACUUM also sets the visibility map, so covering indexes answer without visiting the heap.
  for (const t of BULK_TABLES) await db.query(`VACUUM ANALYZE ${t}`);
  await db.query('ANALYZE users');
}
