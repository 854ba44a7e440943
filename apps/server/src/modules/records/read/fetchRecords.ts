// Reads whole records by id (columns, custom values and every link field) in one query: link
// fields are correlated subqueries in its select list. Scoping is the caller's choice: reads for a user
// pass the actor's read condition, system paths pass none.
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../../platform/access/actor';
import { scopeCondition, scopeOf } from '../../../platform/access/authorize';
import type { Action } from '../../../platform/access/permissions';
import { expressionBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/schema';
import { linkColumns, linksFromRows } from '../links/linkStores';
import type { ApiRecord, LoadedObject } from '../meta/types';
import { baseCondition, selectColumns } from '../query/fieldSql';
import { type RawRow, rowToRecord } from './rowToRecord';

/** The actor's scope on the object as an SQL condition over `alias` (null when unrestricted). */
export function scopeSql(
  actor: Actor,
  object: string,
  action: Action,
  alias: string,
): RawBuilder<unknown> | null {
  const scope = scopeOf(actor, object, action);
  const cond = scopeCondition(actor, scope, {
    owner: `${alias}.owner_id`,
    team: `${alias}.team_id`,
    unit: `${alias}.unit_id`,
  });
  if (!cond) return null;
  // The condition only references the qualified columns named above, so the table map is moot.
  // biome-ignore lint/suspicious/noExplicitAny: an untyped builder for dynamically named tables
  return sql`${cond(expressionBuilder<any, any>())}`;
}

export interface FetchOptions {
  /** Restrict to what this actor may `action` (default: read); omit for system reads. */
  actor?: Actor;
  action?: Action;
  deleted?: 'live' | 'deleted' | 'any';
  forUpdate?: boolean;
}

export async function fetchRecords(
  db: Executor,
  workspaceId: string,
  meta: LoadedObject,
  ids: string[],
  opts: FetchOptions = {},
): Promise<{ records: ApiRecord[]; raw: Map<string, RawRow> }> {
  if (!ids.length) return { records: [], raw: new Map() };
  const conds: RawBuilder<unknown>[] = [
    baseCondition(meta, 't', workspaceId),
    sql`t.id IN (${sql.join(ids)})`,
  ];
  const deleted = opts.deleted ?? 'live';
  if (deleted === 'live') conds.push(sql`t.deleted_at IS NULL`);
  if (deleted === 'deleted') conds.push(sql`t.deleted_at IS NOT NULL`);
  if (opts.actor) {
    const s = scopeSql(opts.actor, meta.name, opts.action ?? 'read', 't');
    if (s) conds.push(s);
  }
  const res = await sql<Record<string, unknown>>`
    SELECT ${selectColumns(meta, 't')}${linkColumns(meta, 't', workspaceId)} FROM ${sql.table(meta.table)} AS t
    WHERE ${sql.join(conds, sql` AND `)}${opts.forUpdate ? sql` FOR UPDATE` : sql``}`.execute(db);
  const byId = new Map(res.rows.map((r) => [r.id as string, r]));
  const records: ApiRecord[] = [];
  const rows: Record<string, unknown>[] = [];
  const raw = new Map<string, RawRow>();
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) continue;
    const converted = rowToRecord(meta, row);
    records.push(converted.record);
    rows.push(row);
    raw.set(id, converted.raw);
  }
  linksFromRows(meta, records, rows);
  return { records, raw };
}
