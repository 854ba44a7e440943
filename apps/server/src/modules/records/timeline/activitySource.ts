// Timeline items for activities: one range of activity_links (a company's includes the links
// derived from its contacts and deals), joined to the activities the caller may read.
import { type RawBuilder, sql } from 'kysely';

import { scopeSql } from '../read/fetchRecords';
import type { Ctx } from '../../../platform/context';
import type { TimelineCursor, TimelineItem, TimelineSource, TimelineTarget } from './sources';
import { fieldAccess } from '../meta/fieldAccess';

const FIELDS: [string, string][] = [
  ['type', 'type'],
  ['subject', 'subject'],
  ['body', 'body'],
  ['dueAt', 'due_at'],
  ['doneAt', 'done_at'],
  ['outcome', 'outcome'],
  ['durationMinutes', 'duration_minutes'],
  ['location', 'location'],
  ['ownerId', 'owner_id'],
];

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/** The page query (exported for the EXPLAIN test and the SQL snapshot). */
export function activityQuery(
  ctx: Ctx,
  target: TimelineTarget,
  page: { before: TimelineCursor | null; limit: number },
) {
  const conds: RawBuilder<unknown>[] = [
    sql`l.workspace_id = ${ctx.workspaceId}`,
    sql`l.object = ${target.object}`,
    sql`l.record_id = ${target.id}`,
    sql`a.deleted_at IS NULL`,
  ];
  if (!target.includeRelated) conds.push(sql`l.direct`);
  const scope = scopeSql(ctx.actor, 'activities', 'read', 'a');
  if (scope) conds.push(scope);
  if (page.before) conds.push(sql`(l.occurred_at, l.activity_id) < (${page.before.at}, ${page.before.id})`);
  return sql<Record<string, unknown>>`
      SELECT a.id, a.type, a.subject, a.body, a.due_at, a.done_at, a.outcome, a.duration_minutes, a.location,
        a.owner_id, a.created_by, l.occurred_at, l.via_object, l.via_id, u.id AS actor_id, u.name AS actor_name
      FROM activity_links l
      JOIN activities a ON a.workspace_id = l.workspace_id AND a.id = l.activity_id
      LEFT JOIN users u ON u.workspace_id = a.workspace_id AND u.id = coalesce(a.created_by, a.owner_id)
      WHERE ${sql.join(conds, sql` AND `)}
      ORDER BY l.occurred_at DESC, l.activity_id DESC
      LIMIT ${sql.lit(page.limit)}`;
}

export const activitySource: TimelineSource = {
  kinds: ['activity'],
  async fetch(ctx, target, page) {
    const res = await activityQuery(ctx, target, page).execute(ctx.db);
    const visible = FIELDS.filter(([f]) => fieldAccess(ctx.actor, 'activities', f) !== 'hidden');
    return res.rows.map((row): TimelineItem => {
      const activity: Record<string, unknown> = {};
      for (const [f, c] of visible) activity[f] = f.endsWith('At') ? iso(row[c]) : (row[c] ?? null);
      return {
        id: row.id as string,
        kind: 'activity',
        at: iso(row.occurred_at)!,
        actor: row.actor_id ? { id: row.actor_id as string, name: row.actor_name as string } : null,
        object: 'activities',
        recordId: row.id as string,
        activity,
        via: row.via_object ? { object: row.via_object, id: row.via_id } : null,
      };
    });
  },
};
