// Hard-deletes records that have been in the recycle bin longer than their workspace keeps them
// (settings.recycleBinRetentionDays, default 90), with their history, links and tags. Idempotent
// and bounded per call (a colleague's job calls it until it reports nothing left); each purged
// record leaves a `record.purged` event so feeds and replicas can forget it too.
import { sql } from 'kysely';
import type { Executor, Db } from '../../../platform/db/schema';
import { emitEvents } from '../../../platform/events/outbox';
import { standardObjects } from '../meta/standardObjects';

const BATCH = 500;

/** Tables of deleted records, children first so foreign keys never block the parents. */
const TABLES: { table: string; object: string | null }[] = [
  { table: 'activities', object: 'activities' },
  { table: 'commitments', object: 'commitments' },
  { table: 'deals', object: 'deals' },
  { table: 'leads', object: 'leads' },
  { table: 'contacts', object: 'contacts' },
  { table: 'companies', object: 'companies' },
  { table: 'tags', object: 'tags' },
  { table: 'records', object: null },
];

async function purgeTable(
  db: Executor,
  table: string,
  fixedObject: string | null,
  now: Date,
): Promise<number> {
  const objectCol = fixedObject ? sql`${fixedObject}::text` : sql`t.object`;
  const res = await sql<{ workspace_id: string; id: string; object: string }>`
    DELETE FROM ${sql.table(table)} AS t
    WHERE (t.workspace_id, t.id) IN (
      SELECT x.workspace_id, x.id FROM ${sql.table(table)} x JOIN workspaces w ON w.id = x.workspace_id
      WHERE x.deleted_at IS NOT NULL
        AND x.deleted_at < ${now}::timestamptz - make_interval(days => CASE
          WHEN jsonb_typeof(w.settings->'recycleBinRetentionDays') = 'number'
            AND (w.settings->>'recycleBinRetentionDays')::numeric >= 1
          THEN least((w.settings->>'recycleBinRetentionDays')::numeric, 36500)::int ELSE 90 END)
      LIMIT ${sql.lit(BATCH)})
    RETURNING t.workspace_id, t.id, ${objectCol} AS object`.execute(db);
  if (!res.rows.length) return 0;
  const pairs = sql.join(
    res.rows.map((r) => sql`(${r.workspace_id}::uuid, ${r.object}::text, ${r.id}::uuid)`),
  );
  await sql`DELETE FROM record_history WHERE (workspace_id, object, record_id) IN (${pairs})`.execute(db);
  await sql`DELETE FROM activity_links WHERE (workspace_id, object, record_id) IN (${pairs})`.execute(db);
  await sql`DELETE FROM taggings WHERE (workspace_id, object, record_id) IN (${pairs})`.execute(db);
  await emitEvents(
    db,
    res.rows.map((r) => ({
      workspaceId: r.workspace_id,
      type: 'record.purged',
      object: r.object,
      recordId: r.id,
      payload: { object: r.object, id: r.id },
    })),
  );
  return res.rows.length;
}

/** Purges what is due at `now`; returns how many records went. Call again while it returns > 0. */
export async function purgeDeletedRecords(db: Db, now: Date): Promise<{ purged: number }> {
  let purged = 0;
  for (const { table, object } of TABLES) {
    if (object && !standardObjects.has(object)) continue;
    purged += await db.transaction().execute((tx) => purgeTable(tx, table, object, now));
  }
  return { purged };
}
