// Names of the records a page points at (company, owner, contacts, stage, …), so a list of 100
// deals shows company and owner names in one query whatever the page size, each object's branch
// scoped to what the caller may read. A target the caller may not see gets no name at all.
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../../platform/context';
import { isUuid } from '../../../platform/ids';
import { loadObject, withFields } from '../meta/loadObject';
import { refTargets } from '../meta/refTargets';
import { standardObjects } from '../meta/standardObjects';
import type { ApiRecord, Labels, LoadedObject } from '../meta/types';
import { baseCondition, fieldExpr } from '../query/fieldSql';
import { scopeSql } from './fetchRecords';
import { addId } from '../meta/idSets';
import { keepPrepared } from '../../../platform/db/preparedStatements';

interface NameRow {
  o: string;
  id: string;
  name: string | null;
  labels: Labels | null;
}

export interface RelatedName {
  id: string;
  name: string;
  label?: Labels;
  object?: string;
}

/**
 * Resolves names for (object, ids) pairs; returns object → id → name for the visible ones. One
 * query for every object together (a UNION ALL of one indexed branch per object), kept prepared.
 */
export async function resolveNames(
  ctx: Ctx,
  wanted: Map<string, Set<string>>,
  loaded: Map<string, LoadedObject> = new Map(),
): Promise<Map<string, Map<string, RelatedName>>> {
  const out = new Map<string, Map<string, RelatedName>>();
  const branches: RawBuilder<unknown>[] = [];
  for (const [object, idSet] of wanted) {
    const ids = [...idSet].filter(isUuid);
    out.set(object, new Map());
    if (!ids.length) continue;
    const target = refTargets[object];
    if (target) {
      branches.push(sql`SELECT ${object}::text AS o, id, ${sql.ref(target.title)}::text AS name,
          ${target.labels ? sql`labels` : sql`NULL::jsonb`} AS labels
        FROM ${sql.table(target.table)} WHERE workspace_id = ${ctx.workspaceId} AND id = ANY(${ids}::uuid[])`);
      continue;
    }
    let meta = loaded.get(object);
    const standard = standardObjects.get(object);
    if (!meta && standard) {
      // A standard object's title is one of its own columns: naming its records needs no metadata
      // queries (they were two per related object on every list page; see BENCHMARKS.md).
      meta = withFields(standard, [], { currency: '', timeZone: '' });
    }
    if (!meta) {
      if (!/^[a-z][a-zA-Z0-9]{0,62}$/.test(object)) continue;
      try {
        meta = await loadObject(ctx, object);
      } catch {
        continue; // A retired custom object: its records have no name to show.
      }
      loaded.set(object, meta);
    }
    const title = meta.byName.get(meta.titleField);
    if (!title) continue;
    const conds: RawBuilder<unknown>[] = [
      baseCondition(meta, 't', ctx.workspaceId),
      sql`t.id = ANY(${ids}::uuid[])`,
      sql`t.deleted_at IS NULL`,
    ];
    const scope = scopeSql(ctx.actor, meta.name, 'read', 't');
    if (scope) conds.push(scope);
    branches.push(sql`SELECT ${object}::text AS o, t.id, (${fieldExpr(title, 't')})::text AS name, NULL::jsonb AS labels
      FROM ${sql.table(meta.table)} AS t WHERE ${sql.join(conds, sql` AND `)}`);
  }
  if (!branches.length) return out;
  // The ids travel as one array per object, so the text depends only on which objects a page
  // points at and the caller's scope: it is kept prepared, and its plan (1.1 ms of the statement's
  // 2 ms in PostgreSQL for a page of 50 contacts) is made once per connection.
  const query = sql<NameRow>`${sql.join(
    branches.map((b) => sql`(${b})`),
    sql` UNION ALL `,
  )}`.compile(ctx.db);
  keepPrepared(query.sql);
  const res = await ctx.db.executeQuery(query);
  for (const r of res.rows)
    out.get(r.o)?.set(r.id, {
      id: r.id,
      name: r.name ?? '',
      ...(r.labels && Object.keys(r.labels).length ? { label: r.labels } : {}),
    });
  return out;
}

/**
 * Adds `related: {field: {id, name} | [{id, name}]}` to each record for its relation fields
 * (only those in `visibleFields`), and drops `relatedTo` entries the caller may not see.
 */
export async function attachRelated(
  ctx: Ctx,
  meta: LoadedObject,
  records: Record<string, unknown>[],
  visibleFields: Set<string>,
): Promise<void> {
  if (!records.length) return;
  const wanted = new Map<string, Set<string>>();
  const want = (object: string, id: unknown) => {
    if (typeof id !== 'string') return;
    addId(wanted, object, id);
  };
  const relFields = meta.fields.filter(
    (f) => visibleFields.has(f.name) && (f.relation || f.type === 'relatedTo'),
  );
  for (const r of records) {
    for (const f of relFields) {
      const v = r[f.name];
      if (f.type === 'relatedTo')
        for (const t of (v as { object: string; id: string }[]) ?? []) want(t.object, t.id);
      else if (Array.isArray(v)) for (const id of v) want(f.relation!.object, id);
      else want(f.relation!.object, v);
    }
  }
  const names = await resolveNames(ctx, wanted);
  for (const r of records) {
    const related: Record<string, unknown> = {};
    for (const f of relFields) {
      const v = r[f.name];
      if (f.type === 'relatedTo') {
        const visible = ((v as { object: string; id: string }[]) ?? []).filter((t) =>
          names.get(t.object)?.has(t.id),
        );
        r[f.name] = visible;
        related[f.name] = visible.map((t) => ({ ...names.get(t.object)!.get(t.id)!, object: t.object }));
      } else if (Array.isArray(v)) {
        const m = names.get(f.relation!.object);
        const visible = v.filter((id) => m?.has(id));
        r[f.name] = visible;
        related[f.name] = visible.map((id) => m!.get(id));
      } else if (typeof v === 'string') {
        const n = names.get(f.relation!.object)?.get(v);
        if (n) related[f.name] = n;
      }
    }
    r.related = related;
  }
}

export type { ApiRecord };
