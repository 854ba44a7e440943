// Derived activity links: an activity on a contact or a deal is also linked to that record's
// company (direct = false, via = the contact or deal), so the company's 360° timeline and its
// rollups read one index range. Rebuilt whenever an activity's direct links, its time, or a
// linked record's company change.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/schema';

/** Recomputes occurred_at on every link and the derived company links of the activities. */
export async function rebuildActivityLinks(db: Executor, ws: string, activityIds: string[]): Promise<void> {
  if (!activityIds.length) return;
  const ids = sql.join(activityIds);
  await sql`DELETE FROM activity_links WHERE workspace_id = ${ws} AND activity_id IN (${ids}) AND NOT direct`.execute(
    db,
  );
  await sql`UPDATE activity_links l SET occurred_at = a.occurred_at FROM activities a
    WHERE l.workspace_id = ${ws} AND l.activity_id IN (${ids})
      AND a.workspace_id = l.workspace_id AND a.id = l.activity_id AND l.occurred_at <> a.occurred_at`.execute(
    db,
  );
  await sql`INSERT INTO activity_links (workspace_id, activity_id, object, record_id, direct, via_object, via_id, occurred_at)
    SELECT l.workspace_id, l.activity_id, 'companies', c.company_id, false, 'contacts', c.id, l.occurred_at
      FROM activity_links l JOIN contacts c ON c.workspace_id = l.workspace_id AND c.id = l.record_id
      WHERE l.workspace_id = ${ws} AND l.activity_id IN (${ids}) AND l.direct AND l.object = 'contacts'
        AND c.company_id IS NOT NULL
    UNION ALL
    SELECT l.workspace_id, l.activity_id, 'companies', d.company_id, false, 'deals', d.id, l.occurred_at
      FROM activity_links l JOIN deals d ON d.workspace_id = l.workspace_id AND d.id = l.record_id
      WHERE l.workspace_id = ${ws} AND l.activity_id IN (${ids}) AND l.direct AND l.object = 'deals'
        AND d.company_id IS NOT NULL
    ON CONFLICT (workspace_id, activity_id, object, record_id) DO NOTHING`.execute(db);
}

/** After a contact or deal moved to another company: rebuild the links of its activities. */
export async function rebuildLinksOfRecord(
  db: Executor,
  ws: string,
  object: string,
  recordId: string,
): Promise<void> {
  const res = await sql<{ activity_id: string }>`SELECT activity_id FROM activity_links
    WHERE workspace_id = ${ws} AND object = ${object} AND record_id = ${recordId} AND direct`.execute(db);
  const ids = res.rows.map((r) => r.activity_id);
  for (let i = 0; i < ids.length; i += 500) await rebuildActivityLinks(db, ws, ids.slice(i, i + 500));
}

export async function linkTargetsOf(
  db: Executor,
  ws: string,
  activityId: string,
): Promise<{ object: string; id: string }[]> {
  const res = await sql<{ object: string; record_id: string }>`SELECT object, record_id FROM activity_links
    WHERE workspace_id = ${ws} AND activity_id = ${activityId}`.execute(db);
  return res.rows.map((r) => ({ object: r.object, id: r.record_id }));
}
