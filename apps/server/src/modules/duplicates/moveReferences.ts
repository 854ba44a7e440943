// Moving what points at the losers to the winner, and back on undo. Column references are
// updated in place (their row ids kept); link rows are copied to the winner (a link it already has
// is not doubled) and deleted from the loser, both kept in full so undo can put them back exactly.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/schema';
import type { Reference } from './references';
import type { MovedRows } from './tables';

const extra = (r: Reference) => (r.where ? sql` AND ${sql.raw(r.where)}` : sql``);

export async function moveReference(
  db: Executor,
  workspaceId: string,
  r: Reference,
  from: string,
  to: string,
): Promise<MovedRows | null> {
  const t = sql.table(r.table);
  const c = sql.ref(r.column);
  if (r.kind === 'column') {
    const bump = r.bump ? sql`, version = version + 1, updated_at = now()` : sql``;
    // A subsidiary of the loser that is the winner itself would point at itself: leave it.
    const notSelf = r.table === 'companies' ? sql` AND id <> ${to}` : sql``;
    const res = await sql<{ id: string }>`UPDATE ${t} SET ${c} = ${to}${bump}
      WHERE workspace_id = ${workspaceId} AND ${c} = ${from}${extra(r)}${notSelf} RETURNING id`.execute(db);
    return res.rows.length
      ? { kind: 'column', table: r.table, column: r.column, from, ids: res.rows.map((x) => x.id) }
      : null;
  }
  const rows = (
    await sql<Record<string, unknown>>`SELECT to_jsonb(x) AS row FROM ${t} x
    WHERE workspace_id = ${workspaceId} AND ${c} = ${from}${extra(r)}`.execute(db)
  ).rows.map((x) => x.row as Record<string, unknown>);
  if (!rows.length) return null;
  const moved = rows.map((row) => ({ ...row, [r.column]: to }));
  const inserted = (
    await sql<{ row: Record<string, unknown> }>`INSERT INTO ${t}
      SELECT (jsonb_populate_record(null::${t}, x)).* FROM jsonb_array_elements(${JSON.stringify(moved)}::jsonb) AS x
      ON CONFLICT DO NOTHING RETURNING to_jsonb(${t}) AS row`.execute(db)
  ).rows.map((x) => x.row);
  await sql`DELETE FROM ${t} WHERE workspace_id = ${workspaceId} AND ${c} = ${from}${extra(r)}`.execute(db);
  return { kind: 'link', table: r.table, column: r.column, from, rows, inserted };
}

export async function moveBack(
  db: Executor,
  workspaceId: string,
  m: Exclude<MovedRows, { kind: 'custom' }>,
  key: (table: string) => string[],
  to: string,
): Promise<void> {
  const t = sql.table(m.table);
  const c = sql.ref(m.column);
  if (m.kind === 'column') {
    await sql`UPDATE ${t} SET ${c} = ${m.from} WHERE workspace_id = ${workspaceId} AND id IN (${sql.join(m.ids)}) AND ${c} = ${to}`.execute(
      db,
    );
    return;
  }
  if (m.inserted.length) {
    const cols = key(m.table);
    const match = sql.join(
      cols.map((k) => sql`t.${sql.ref(k)} = x.${sql.ref(k)}`),
      sql` AND `,
    );
    await sql`DELETE FROM ${t} AS t USING jsonb_populate_recordset(null::${t}, ${JSON.stringify(m.inserted)}::jsonb) AS x
      WHERE t.workspace_id = ${workspaceId} AND ${match}`.execute(db);
  }
  await sql`INSERT INTO ${t} SELECT (jsonb_populate_record(null::${t}, x)).* FROM jsonb_array_elements(${JSON.stringify(m.rows)}::jsonb) AS x
    ON CONFLICT DO NOTHING`.execute(db);
}
