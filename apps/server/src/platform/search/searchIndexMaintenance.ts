// Keeps the search indexes cheap to use where nothing else does: the embedded store (PGlite) runs
// no autovacuum, so rows written since the last merge pile up in each GIN index's pending list
// (scanned in full by every search, and priced by the planner so high that it may prefer reading
// the whole table) and table statistics are never refreshed. Hourly: merge the pending lists, and
// ANALYZE the searchable tables written since the last run (a non-empty pending list says so) or
// changed by more than autovacuum's own threshold. On PostgreSQL autovacuum usually got there
// first and the job finds little to do.
import { sql } from 'kysely';
import type { Db } from '../db/schema';
import { registerJob } from '../jobs/registry';

export const SEARCH_MAINTENANCE_JOB = 'search.maintainIndexes';

interface SearchIndex {
  table: string;
  index: string;
}

/** Every trigram index on a `search_text` column (the records module creates one per table). */
async function searchIndexes(db: Db): Promise<SearchIndex[]> {
  const r = await sql<SearchIndex>`
    SELECT tablename AS "table", indexname AS "index" FROM pg_indexes
    WHERE schemaname = current_schema() AND indexdef LIKE '%(search_text gin_trgm_ops)%'
    ORDER BY tablename, indexname`.execute(db);
  return r.rows;
}

export async function maintainSearchIndexes(
  db: Db,
): Promise<{ pendingPagesMerged: Record<string, number>; analyzed: string[] }> {
  const pendingPagesMerged: Record<string, number> = {};
  const tables = new Set<string>();
  const indexes = await searchIndexes(db);
  for (const { table, index } of indexes) {
    tables.add(table);
    const r = await sql<{
      pages: number;
    }>`SELECT gin_clean_pending_list(${index}::regclass)::int AS pages`.execute(db);
    pendingPagesMerged[index] = r.rows[0]?.pages ?? 0;
  }
  const written = Object.entries(pendingPagesMerged)
    .filter(([, pages]) => pages > 0)
    .map(([index]) => indexes.find((i) => i.index === index)!.table);
  // autovacuum's rule: analyze after 50 rows + 10% of the table have changed since the last time.
  const stale = await sql<{ table: string }>`
    SELECT relname AS "table" FROM pg_stat_user_tables
    WHERE relname = ANY(${[...tables]}::text[]) AND n_mod_since_analyze > 50 + 0.1 * n_live_tup`.execute(db);
  const analyzed = [...new Set([...written, ...stale.rows.map((r) => r.table)])].sort();
  for (const table of analyzed) await sql`ANALYZE ${sql.table(table)}`.execute(db);
  return { pendingPagesMerged, analyzed };
}

registerJob({
  name: SEARCH_MAINTENANCE_JOB,
  schedule: { cron: '23 * * * *' },
  // Idempotent (merging an empty list and re-analyzing are no-ops); one at a time is enough.
  options: { expireInSeconds: 900, retryLimit: 2, retryDelay: 300, policy: 'singleton' },
  async handler(_data, ctx) {
    const result = await maintainSearchIndexes(ctx.store.db);
    ctx.log.info(result, 'maintained search indexes');
    return result;
  },
});
