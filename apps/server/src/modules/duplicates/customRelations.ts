// Custom relation fields (a "Customer" field on a custom Projects object, an "Account manager
// contact" on deals) keep the related record's id in the JSONB `custom` column, not in a table a
// foreign key could follow. A merge moves them to the winner like any other reference, and undo
// moves exactly those rows back (by id, and only where the value still is the winner).
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/schema';
import { loadObject } from '../records/meta/loadObject';
import { baseCondition, jsonKey } from '../records/query/fieldSql';
import type { MovedRows } from './tables';

type CustomMove = Extract<MovedRows, { kind: 'custom' }>;

/** Every live relation field, on any object, that points at records of `object`. */
async function relationFieldsTo(ctx: Ctx, object: string) {
  const rows = await sql<{ object: string; name: string }>`SELECT object, name FROM field_definitions
    WHERE workspace_id = ${ctx.workspaceId} AND type = 'relation' AND relation_object = ${object}
      AND retired_at IS NULL ORDER BY object, name`.execute(ctx.db);
  return rows.rows;
}

export async function moveCustomRelations(
  ctx: Ctx,
  object: string,
  from: string,
  to: string,
): Promise<CustomMove[]> {
  const moved: CustomMove[] = [];
  for (const f of await relationFieldsTo(ctx, object)) {
    const meta = await loadObject(ctx, f.object);
    const key = jsonKey(f.name);
    const res = await sql<{ id: string }>`UPDATE ${sql.table(meta.table)} AS t
      SET custom = jsonb_set(t.custom, ARRAY[${key}], to_jsonb(${to}::text)), version = t.version + 1, updated_at = now()
      WHERE ${baseCondition(meta, 't', ctx.workspaceId)} AND t.custom->>${key} = ${from} RETURNING t.id`.execute(
      ctx.db,
    );
    if (res.rows.length)
      moved.push({ kind: 'custom', object: f.object, field: f.name, from, ids: res.rows.map((r) => r.id) });
  }
  return moved;
}

export async function moveCustomRelationBack(
  ctx: Ctx,
  db: Executor,
  m: CustomMove,
  to: string,
): Promise<void> {
  const meta = await loadObject({ ...ctx, db }, m.object);
  const key = jsonKey(m.field);
  await sql`UPDATE ${sql.table(meta.table)} AS t
    SET custom = jsonb_set(t.custom, ARRAY[${key}], to_jsonb(${m.from}::text)), version = t.version + 1, updated_at = now()
    WHERE ${baseCondition(meta, 't', ctx.workspaceId)} AND t.id IN (${sql.join(m.ids)}) AND t.custom->>${key} = ${to}`.execute(
    db,
  );
}
