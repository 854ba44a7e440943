// A write may only point at records that exist in the workspace and that the caller may read
// (a rep cannot attach a call to another rep's private deal, or learn that it exists by trying).
// One query per target object, whatever the number of ids.
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../../platform/context';
import type { FieldError } from '../../../platform/errors';
import { loadObject } from '../meta/loadObject';
import { refTargets } from '../meta/refTargets';
import type { FieldDef, LoadedObject } from '../meta/types';
import { baseCondition } from '../query/fieldSql';
import { scopeSql } from '../read/fetchRecords';
import { addId } from '../meta/idSets';

interface Wanted {
  field: string;
  object: string;
  id: string;
}

function collect(meta: LoadedObject, values: Record<string, unknown>, fields: Iterable<string>): Wanted[] {
  const out: Wanted[] = [];
  for (const name of fields) {
    const f: FieldDef | undefined = meta.byName.get(name);
    const v = values[name];
    if (!f || v === null || v === undefined) continue;
    if (f.type === 'relatedTo')
      for (const t of v as { object: string; id: string }[]) out.push({ field: name, ...t });
    else if (f.relation) {
      for (const id of Array.isArray(v) ? v : [v])
        out.push({ field: name, object: f.relation.object, id: String(id) });
    }
  }
  return out;
}

export interface RefCheck {
  values: Record<string, unknown>;
  fields: Iterable<string>;
  old?: Record<string, unknown> | null;
}

/** Returns one error per field whose target is missing, deleted, or out of the caller's sight. */
export async function checkReferences(
  ctx: Ctx,
  meta: LoadedObject,
  values: Record<string, unknown>,
  fields: Iterable<string>,
  old: Record<string, unknown> | null = null,
): Promise<FieldError[]> {
  return (await checkReferencesOfMany(ctx, meta, [{ values, fields, old }]))[0]!;
}

/** The same check for many records at once (an import batch): still one query per target object. */
export async function checkReferencesOfMany(
  ctx: Ctx,
  meta: LoadedObject,
  items: RefCheck[],
): Promise<FieldError[][]> {
  const wantedOf = items.map(({ values, fields, old }) => {
    const list = [...fields];
    // References the record already had were checked when they were made (and may point at records
    // this caller cannot see, kept by preserveHiddenLinks): only new ones are checked now.
    const before = new Set(old ? collect(meta, old, list).map((w) => `${w.field}:${w.object}:${w.id}`) : []);
    return collect(meta, values, list).filter((w) => !before.has(`${w.field}:${w.object}:${w.id}`));
  });
  if (!wantedOf.some((w) => w.length)) return items.map(() => []);
  const byObject = new Map<string, Set<string>>();
  for (const wanted of wantedOf) for (const w of wanted) addId(byObject, w.object, w.id);
  const found = new Set<string>();
  const unknownObjects = new Set<string>();
  for (const [object, idSet] of byObject) {
    const ids = [...idSet];
    const target = refTargets[object];
    let rows: { id: string }[];
    if (target) {
      const live = target.liveCondition ? sql` AND ${sql.raw(target.liveCondition)}` : sql``;
      rows = (
        await sql<{ id: string }>`SELECT id FROM ${sql.table(target.table)}
          WHERE workspace_id = ${ctx.workspaceId} AND id IN (${sql.join(ids)})${live}`.execute(ctx.db)
      ).rows;
    } else {
      let tmeta: LoadedObject;
      try {
        tmeta = object === meta.name ? meta : await loadObject(ctx, object);
      } catch {
        unknownObjects.add(object);
        continue;
      }
      const conds: RawBuilder<unknown>[] = [
        baseCondition(tmeta, 'r', ctx.workspaceId),
        sql`r.id IN (${sql.join(ids)})`,
        sql`r.deleted_at IS NULL`,
      ];
      const scope = scopeSql(ctx.actor, tmeta.name, 'read', 'r');
      if (scope) conds.push(scope);
      rows = (
        await sql<{ id: string }>`SELECT r.id FROM ${sql.table(tmeta.table)} AS r
          WHERE ${sql.join(conds, sql` AND `)}`.execute(ctx.db)
      ).rows;
    }
    for (const r of rows) found.add(`${object}:${r.id}`);
  }
  return wantedOf.map((wanted) => {
    const errors = new Map<string, string>();
    for (const w of wanted) {
      if (errors.has(w.field)) continue;
      if (unknownObjects.has(w.object)) errors.set(w.field, `There is no object "${w.object}"`);
      else if (!found.has(`${w.object}:${w.id}`))
        errors.set(w.field, `No ${w.object} record with id ${w.id}`);
    }
    return [...errors].map(([field, message]) => ({ field, message }));
  });
}
