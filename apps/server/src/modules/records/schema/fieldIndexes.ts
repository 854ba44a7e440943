// Indexes for custom fields, built on exactly the expressions the query compiler emits (see
// query/fieldSql.ts customExpr), so filters and sorts on an indexed custom field use them.
// Unique indexes are limited to the workspace (and custom object) by their predicate, so another
// workspace's field of the same name neither collides nor shares the rule.
// Note: CREATE INDEX runs inside the field's transaction (atomic with its metadata) and so blocks
// writes to the table while it builds; on a very large table add such fields off-hours.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/schema';
import type { LoadedObject } from '../meta/types';
import { customExpr } from '../query/fieldSql';

export function indexName(kind: 'u' | 'i', workspaceId: string, object: string, field: string): string {
  const h = createHash('sha256').update(`${workspaceId}/${object}/${field}`).digest('hex').slice(0, 24);
  return `cf_${kind}_${h}`;
}

const uuidLiteral = (id: string) => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error('not a uuid');
  return sql.raw(`'${id}'`);
};

export async function createUniqueIndex(
  db: Executor,
  meta: LoadedObject,
  workspaceId: string,
  field: string,
  type: string,
) {
  const name = indexName('u', workspaceId, meta.name, field);
  const objectPred = meta.custom ? sql` AND object = ${sql.raw(`'${meta.name}'`)}` : sql``;
  await sql`CREATE UNIQUE INDEX IF NOT EXISTS ${sql.ref(name)} ON ${sql.table(meta.table)}
    (workspace_id, ${customExpr(type, null, field)})
    WHERE workspace_id = ${uuidLiteral(workspaceId)} AND deleted_at IS NULL${objectPred}`.execute(db);
  return name;
}

export async function createPlainIndex(
  db: Executor,
  meta: LoadedObject,
  workspaceId: string,
  field: string,
  type: string,
) {
  const name = indexName('i', workspaceId, meta.name, field);
  if (type === 'multiSelect') {
    await sql`CREATE INDEX IF NOT EXISTS ${sql.ref(name)} ON ${sql.table(meta.table)}
      USING gin (${customExpr(type, null, field)}) WHERE deleted_at IS NULL`.execute(db);
    return name;
  }
  const lead = meta.custom ? sql`workspace_id, object` : sql`workspace_id`;
  // Not partial: PostgreSQL only uses the statistics of an expression index without a predicate,
  // and without them it guesses a third of the rows match any range on the field.
  await sql`CREATE INDEX IF NOT EXISTS ${sql.ref(name)} ON ${sql.table(meta.table)}
    (${lead}, ${customExpr(type, null, field)}, id)`.execute(db);
  return name;
}

export async function dropIndex(db: Executor, name: string) {
  await sql`DROP INDEX IF EXISTS ${sql.ref(name)}`.execute(db);
}
