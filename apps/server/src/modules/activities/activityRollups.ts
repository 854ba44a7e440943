// Rollups kept on the records activities relate to: the last done activity (date and type) and
// the next open activity with a due date. Recomputed from activity_links for just the records a
// write touched, so they never drift; they do not bump the record's version (nobody edited it).
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/schema';
import { addId } from '../records/meta/idSets';

const TABLES: Record<string, string> = {
  companies: 'companies',
  contacts: 'contacts',
  leads: 'leads',
  deals: 'deals',
};

export async function refreshActivityRollups(
  db: Executor,
  ws: string,
  targets: { object: string; id: string }[],
): Promise<void> {
  const byObject = new Map<string, Set<string>>();
  for (const t of targets) {
    if (!TABLES[t.object]) continue;
    addId(byObject, t.object, t.id);
  }
  for (const [object, idSet] of byObject) {
    const table = sql.table(TABLES[object]!);
    await sql`UPDATE ${table} t SET
        (last_activity_at, last_activity_type) = (
          SELECT a.done_at, a.type FROM activity_links l
          JOIN activities a ON a.workspace_id = l.workspace_id AND a.id = l.activity_id
          WHERE l.workspace_id = t.workspace_id AND l.object = ${object} AND l.record_id = t.id
            AND a.deleted_at IS NULL AND a.done_at IS NOT NULL
          ORDER BY a.done_at DESC, a.id DESC LIMIT 1),
        (next_task_at, next_task_id) = (
          SELECT a.due_at, a.id FROM activity_links l
          JOIN activities a ON a.workspace_id = l.workspace_id AND a.id = l.activity_id
          WHERE l.workspace_id = t.workspace_id AND l.object = ${object} AND l.record_id = t.id
            AND a.deleted_at IS NULL AND a.done_at IS NULL AND a.due_at IS NOT NULL
          ORDER BY a.due_at, a.id LIMIT 1)
      WHERE t.workspace_id = ${ws} AND t.id IN (${sql.join([...idSet])})`.execute(db);
  }
}
