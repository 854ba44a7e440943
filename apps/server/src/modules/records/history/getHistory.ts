// The field history of one record, newest first, keyset-paged; fields hidden from the caller
// are left out. (The timeline shows the same rows among activities and emails.)
import { sql } from 'kysely';
import { authorize } from '../../../platform/access/authorize';
import type { Ctx } from '../../../platform/context';
import { fieldError, NotFound } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import { loadObject } from '../meta/loadObject';
import { decodeCursor, encodeCursor } from '../query/cursor';
import { fetchRecords } from '../read/fetchRecords';
import { fieldAccess } from '../meta/fieldAccess';

export interface HistoryItem {
  id: string;
  kind: string;
  field: string | null;
  old: unknown;
  new: unknown;
  at: string;
  actor: { id: string; name: string } | null;
}

export async function getHistory(
  ctx: Ctx,
  object: string,
  id: string,
  q: { limit?: number; after?: string } = {},
): Promise<{ data: HistoryItem[]; nextCursor: string | null }> {
  const meta = await loadObject(ctx, object);
  authorize(ctx.actor, meta.name, 'read');
  const notFound = new NotFound(`No ${meta.labels.en.toLowerCase()} with id ${id}`);
  if (!isUuid(id)) throw notFound;
  const rid = id.toLowerCase();
  const { records } = await fetchRecords(ctx.db, ctx.workspaceId, meta, [rid], {
    actor: ctx.actor,
    deleted: 'any',
  });
  if (!records[0]) throw notFound;
  const limit = q.limit ?? 50;
  if (limit < 1 || limit > 200) throw fieldError('limit', 'Use a whole number from 1 to 200');
  let before = sql``;
  if (q.after) {
    const c = decodeCursor(q.after, 'history', 1);
    if (typeof c.values[0] !== 'string' || Number.isNaN(Date.parse(c.values[0])))
      throw fieldError('after', 'The cursor is not valid');
    before = sql` AND (h.at, h.id) < (${c.values[0]}, ${c.id})`;
  }
  const hidden = meta.fields
    .filter((f) => fieldAccess(ctx.actor, meta.name, f.name) === 'hidden')
    .map((f) => f.name);
  const hide = hidden.length
    ? sql` AND (h.field IS NULL OR h.field <> ALL (ARRAY[${sql.join(hidden)}]::text[]))`
    : sql``;
  const res = await sql<Record<string, unknown>>`
    SELECT h.id, h.kind, h.field, h.old_value, h.new_value, h.at, h.actor_id, u.name AS actor_name
    FROM record_history h LEFT JOIN users u ON u.workspace_id = h.workspace_id AND u.id = h.actor_id
    WHERE h.workspace_id = ${ctx.workspaceId} AND h.object = ${meta.name} AND h.record_id = ${rid}${before}${hide}
    ORDER BY h.at DESC, h.id DESC LIMIT ${sql.lit(limit + 1)}`.execute(ctx.db);
  const rows = res.rows.slice(0, limit);
  const data = rows.map((r) => ({
    id: r.id as string,
    kind: r.kind as string,
    field: (r.field as string | null) ?? null,
    old: r.old_value ?? null,
    new: r.new_value ?? null,
    at: new Date(r.at as string).toISOString(),
    actor: r.actor_id ? { id: r.actor_id as string, name: (r.actor_name as string) ?? '' } : null,
  }));
  const last = data[data.length - 1];
  return {
    data,
    nextCursor: res.rows.length > limit && last ? encodeCursor('history', [last.at], last.id) : null,
  };
}
