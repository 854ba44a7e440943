// The INSERT and UPDATE statements of a record write. Tables with unique fields write inside a
// savepoint, so a unique violation becomes a 409 naming the field and leaves the caller's
// transaction usable (an import can report the row and go on).
import { sql } from 'kysely';
import type { Ctx } from '../../../platform/context';
import { Conflict } from '../../../platform/errors';
import type { LoadedObject } from '../meta/types';

function hasUnique(meta: LoadedObject): boolean {
  return meta.fields.some((f) => f.unique && f.uniqueIndex);
}

async function guarded<T>(ctx: Ctx, meta: LoadedObject, fn: () => Promise<T>): Promise<T> {
  const savepoint = hasUnique(meta) && ctx.db.isTransaction;
  if (savepoint) await sql`SAVEPOINT rapport_write`.execute(ctx.db);
  try {
    const out = await fn();
    if (savepoint) await sql`RELEASE SAVEPOINT rapport_write`.execute(ctx.db);
    return out;
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (savepoint) await sql`ROLLBACK TO SAVEPOINT rapport_write`.execute(ctx.db);
    if (e.code === '23505') {
      const field = meta.fields.find((f) => f.uniqueIndex && f.uniqueIndex === e.constraint);
      if (field) {
        const label = field.labels.en;
        throw new Conflict(
          `Another ${meta.labels.en.toLowerCase()} already has this ${label.toLowerCase()}`,
          [{ field: field.name, message: `Must be unique: another record has this ${label.toLowerCase()}` }],
        );
      }
      throw new Conflict('A record with this value already exists');
    }
    throw err;
  }
}

export async function insertRow(ctx: Ctx, meta: LoadedObject, row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  await guarded(ctx, meta, () =>
    sql`INSERT INTO ${sql.table(meta.table)} (${sql.join(cols.map((c) => sql.ref(c)))})
      VALUES (${sql.join(cols.map((c) => sql`${row[c]}`))})`.execute(ctx.db),
  );
}

export async function updateRow(
  ctx: Ctx,
  meta: LoadedObject,
  id: string,
  set: Record<string, unknown>,
): Promise<void> {
  const cols = Object.keys(set);
  await guarded(ctx, meta, () =>
    sql`UPDATE ${sql.table(meta.table)} SET ${sql.join(cols.map((c) => sql`${sql.ref(c)} = ${set[c]}`))},
        version = version + 1
      WHERE workspace_id = ${ctx.workspaceId} AND id = ${id}`.execute(ctx.db),
  );
}
