// Timeline items from record_history: field changes, creations, deletions and stage moves. A
// company's page reads its company_id range (its contacts', deals' and commitments' rows too),
// keeping only rows of records the caller may read and fields the caller may see.
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../../platform/access/actor';
import { can } from '../../../platform/access/authorize';
import type { Ctx } from '../../../platform/context';
import { standardObjects } from '../meta/standardObjects';
import { scopeSql } from '../read/fetchRecords';
import type { TimelineCursor, TimelineItem, TimelineSource, TimelineTarget } from './sources';
import { fieldAccess } from '../meta/fieldAccess';

/** Objects whose history carries a company_id (see ObjectDef.companyColumn). */
const COMPANY_OBJECTS = [...standardObjects.values()].filter((o) => o.companyColumn).map((o) => o.name);

function hiddenFields(actor: Actor, object: string): string[] {
  const def = standardObjects.get(object);
  const names = def ? def.fields.map((f) => f.name) : Object.keys(actor.permissions.fields?.[object] ?? {});
  const custom = Object.keys(actor.permissions.fields?.[object] ?? {});
  return [...new Set([...names, ...custom])].filter((f) => fieldAccess(actor, object, f) === 'hidden');
}

function visibility(ctx: Ctx, target: TimelineTarget): RawBuilder<unknown>[] {
  const conds: RawBuilder<unknown>[] = [];
  const objects = target.includeRelated ? COMPANY_OBJECTS : [target.object];
  if (target.includeRelated) {
    const parts: RawBuilder<unknown>[] = [];
    for (const o of objects) {
      if (!can(ctx.actor, o, 'read')) continue;
      const scope = o === target.object ? null : scopeSql(ctx.actor, o, 'read', 'r');
      const table = standardObjects.get(o)!.table;
      parts.push(
        scope
          ? // OFFSET 0 keeps this a per-row primary-key probe: without it the planner may hash every
            // record in the caller's scope (a scan of all their deals) to check a page of rows.
            sql`(h.object = ${o} AND EXISTS (SELECT 1 FROM ${sql.table(table)} r
              WHERE r.workspace_id = h.workspace_id AND r.id = h.record_id AND ${scope} OFFSET 0))`
          : sql`h.object = ${o}`,
      );
    }
    conds.push(parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`);
  }
  for (const o of objects) {
    const hidden = hiddenFields(ctx.actor, o);
    if (hidden.length) conds.push(sql`NOT (h.object = ${o} AND h.field IN (${sql.join(hidden)}))`);
  }
  return conds;
}

const iso = (v: unknown) => new Date(v as string).toISOString();

/** The page query (exported for the EXPLAIN test and the SQL snapshot). */
export function historyQuery(
  ctx: Ctx,
  target: TimelineTarget,
  page: { before: TimelineCursor | null; limit: number; kinds: string[] },
) {
  const conds: RawBuilder<unknown>[] = [sql`h.workspace_id = ${ctx.workspaceId}`];
  if (target.includeRelated) conds.push(sql`h.company_id = ${target.id}`);
  else conds.push(sql`h.object = ${target.object}`, sql`h.record_id = ${target.id}`);
  conds.push(...visibility(ctx, target));
  const wantChange = page.kinds.includes('change');
  const wantStage = page.kinds.includes('stage');
  if (!wantChange) conds.push(sql`h.field = 'stageId'`);
  if (!wantStage) conds.push(sql`h.field IS DISTINCT FROM 'stageId'`);
  if (page.before) conds.push(sql`(h.at, h.id) < (${page.before.at}, ${page.before.id})`);
  return sql<Record<string, unknown>>`
      SELECT h.id, h.object, h.record_id, h.kind, h.field, h.old_value, h.new_value, h.at, h.actor_id, u.name AS actor_name
      FROM record_history h
      LEFT JOIN users u ON u.workspace_id = h.workspace_id AND u.id = h.actor_id
      WHERE ${sql.join(conds, sql` AND `)}
      ORDER BY h.at DESC, h.id DESC
      LIMIT ${sql.lit(page.limit)}`;
}

export const historySource: TimelineSource = {
  kinds: ['change', 'stage'],
  async fetch(ctx, target, page) {
    const res = await historyQuery(ctx, target, page).execute(ctx.db);
    return res.rows.map((row): TimelineItem => {
      const base = {
        id: row.id as string,
        at: iso(row.at),
        actor: row.actor_id ? { id: row.actor_id as string, name: (row.actor_name as string) ?? '' } : null,
        object: row.object as string,
        recordId: row.record_id as string,
      };
      if (row.field === 'stageId')
        return {
          ...base,
          kind: 'stage',
          fromStageId: row.old_value ?? null,
          toStageId: row.new_value ?? null,
        };
      return {
        ...base,
        kind: 'change',
        action: row.kind,
        field: row.field ?? null,
        old: row.old_value ?? null,
        new: row.new_value ?? null,
      };
    });
  },
};
