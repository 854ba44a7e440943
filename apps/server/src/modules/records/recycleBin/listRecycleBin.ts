// The recycle bin: soft-deleted records the caller could restore (within their delete scope),
// newest deletion first, across every object — one indexed query per object table per page,
// merged by (deleted_at, id).
import { type RawBuilder, sql } from 'kysely';
import { can } from '../../../platform/access/authorize';
import type { Ctx } from '../../../platform/context';
import { fieldError } from '../../../platform/errors';
import { loadAllObjects } from '../meta/loadObject';
import type { LoadedObject } from '../meta/types';
import { decodeCursor, encodeCursor } from '../query/cursor';
import { baseCondition, fieldExpr } from '../query/fieldSql';
import { scopeSql } from '../read/fetchRecords';

export interface BinItem {
  object: string;
  id: string;
  title: string;
  deletedAt: string;
  deletedBy: { id: string; name: string } | null;
  purgeAfter: string;
}

export async function retentionDays(ctx: Ctx): Promise<number> {
  const res = await sql<{
    days: number | null;
  }>`SELECT CASE WHEN jsonb_typeof(settings->'recycleBinRetentionDays') = 'number'
      THEN (settings->>'recycleBinRetentionDays')::numeric::int END AS days FROM workspaces WHERE id = ${ctx.workspaceId}`.execute(
    ctx.db,
  );
  const d = res.rows[0]?.days;
  return d && d > 0 ? d : 90;
}

export async function listRecycleBin(
  ctx: Ctx,
  q: { object?: string; limit?: number; after?: string },
): Promise<{ data: BinItem[]; nextCursor: string | null; retentionDays: number }> {
  const limit = q.limit ?? 50;
  if (limit < 1 || limit > 200) throw fieldError('limit', 'Use a whole number from 1 to 200');
  let before: { at: string; id: string } | null = null;
  if (q.after) {
    const c = decodeCursor(q.after, 'bin', 1);
    if (typeof c.values[0] !== 'string' || Number.isNaN(Date.parse(c.values[0])))
      throw fieldError('after', 'The cursor is not valid');
    before = { at: c.values[0], id: c.id };
  }
  const all = await loadAllObjects(ctx);
  const objects = all.filter((m) => (!q.object || m.name === q.object) && can(ctx.actor, m.name, 'delete'));
  if (q.object && !all.some((m) => m.name === q.object))
    throw fieldError('object', `There is no object "${q.object}"`);
  // Custom objects share one table: query it once for all of them.
  const tables = new Map<string, LoadedObject[]>();
  for (const m of objects) tables.set(m.table, [...(tables.get(m.table) ?? []), m]);
  const rows: (BinItem & { sortAt: string })[] = [];
  const days = await retentionDays(ctx);
  for (const metas of tables.values()) {
    const parts = metas.map((meta) => {
      const conds: RawBuilder<unknown>[] = [
        baseCondition(meta, 't', ctx.workspaceId),
        sql`t.deleted_at IS NOT NULL`,
      ];
      const scope = scopeSql(ctx.actor, meta.name, 'delete', 't');
      if (scope) conds.push(scope);
      if (before) conds.push(sql`(t.deleted_at, t.id) < (${before.at}, ${before.id})`);
      const title = fieldExpr(meta.byName.get(meta.titleField)!, 't');
      return sql`(SELECT ${meta.name}::text AS object, t.id, ${title}::text AS title, t.deleted_at, t.deleted_by, u.name AS deleted_by_name
        FROM ${sql.table(meta.table)} AS t LEFT JOIN users u ON u.workspace_id = t.workspace_id AND u.id = t.deleted_by
        WHERE ${sql.join(conds, sql` AND `)} ORDER BY t.deleted_at DESC, t.id DESC LIMIT ${sql.lit(limit + 1)})`;
    });
    const res = await sql<Record<string, unknown>>`${sql.join(parts, sql` UNION ALL `)}`.execute(ctx.db);
    for (const r of res.rows) {
      const at = new Date(r.deleted_at as string);
      rows.push({
        object: r.object as string,
        id: r.id as string,
        title: (r.title as string) ?? '',
        deletedAt: at.toISOString(),
        deletedBy: r.deleted_by
          ? { id: r.deleted_by as string, name: (r.deleted_by_name as string) ?? '' }
          : null,
        purgeAfter: new Date(at.getTime() + days * 86_400_000).toISOString(),
        sortAt: at.toISOString(),
      });
    }
  }
  rows.sort((a, b) => (a.sortAt === b.sortAt ? (a.id < b.id ? 1 : -1) : a.sortAt < b.sortAt ? 1 : -1));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(({ sortAt: _s, ...item }) => item),
    nextCursor: rows.length > limit && last ? encodeCursor('bin', [last.deletedAt], last.id) : null,
    retentionDays: days,
  };
}
