// Finding the existing record a row describes, so that importing the same file twice creates no
// duplicates. A match plan is a list of alternatives, each one or more fields that must all be
// equal ("email", "name+companyId"); a row uses the first alternative it has values for.
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { ValidationError } from '../../platform/errors';
import { phoneKeys } from '../../platform/search/phoneKeys';
import type { ApiRecord, FieldDef, LoadedObject } from '../records/meta/types';
import { baseCondition, fieldExpr } from '../records/query/fieldSql';
import { fetchRecords, scopeSql } from '../records/read/fetchRecords';
import { alternativeFor, MatchIndex, type MatchPlan } from './matchIndex';

const matchableTypes = new Set([
  'text',
  'email',
  'phone',
  'url',
  'number',
  'date',
  'select',
  'relation',
  'boolean',
]);

/** The match alternatives when the import names none: the natural keys of each object. */
export function defaultMatch(meta: LoadedObject): string[] {
  switch (meta.name) {
    case 'contacts':
    case 'leads':
      return ['email', 'phone'];
    case 'companies':
      return ['domain', 'name'];
    case 'deals':
      return ['name+companyId', 'name'];
    default: {
      const unique = meta.fields.filter((f) => f.unique && !f.system).map((f) => f.name);
      const title = meta.byName.get(meta.titleField);
      return [...unique, ...(title && title.storage.kind !== 'link' ? [title.name] : [])];
    }
  }
}

export function matchPlan(meta: LoadedObject, given: string[] | undefined): MatchPlan {
  const names = given ?? defaultMatch(meta);
  const errors: { field: string; message: string }[] = [];
  const plan: MatchPlan = [];
  names.forEach((alt, i) => {
    const fields: FieldDef[] = [];
    for (const name of alt.split('+').map((s) => s.trim())) {
      const f = meta.byName.get(name);
      if (!f) errors.push({ field: `options.match.${i}`, message: `${name} is not a field of ${meta.name}` });
      else if (!matchableTypes.has(f.type) || f.storage.kind === 'link' || f.many)
        errors.push({ field: `options.match.${i}`, message: `${name} cannot be used to match records` });
      else fields.push(f);
    }
    if (fields.length) plan.push(fields);
  });
  if (errors.length && given) throw new ValidationError(errors, 'The match fields do not fit the object');
  return plan;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The SQL that narrows candidates by the alternative's first field, shaped to use its index. */
function candidateCondition(meta: LoadedObject, f: FieldDef, values: unknown[]): RawBuilder<unknown> {
  const e = fieldExpr(f, 't');
  const strings = values.map(String);
  if (f.type === 'email' || f.name === 'domain') {
    return sql`lower(${e}) IN (${sql.join(strings.map((s) => s.toLowerCase()))})`;
  }
  if (f.type === 'phone') {
    if (meta.internalColumns?.includes('phone_keys')) {
      const keys = [...new Set(strings.flatMap((s) => phoneKeys(s)))];
      if (keys.length) return sql`t.phone_keys && ARRAY[${sql.join(keys)}]::text[]`;
    }
    return sql`${e} IN (${sql.join(strings)})`;
  }
  if (f.type === 'text' || f.type === 'url') {
    return sql`${e} ILIKE ANY (ARRAY[${sql.join(strings.map(escapeLike))}]::text[])`;
  }
  if (f.type === 'number' && f.storage.kind === 'custom')
    return sql`${e} IN (${sql.join(values.map(Number))})`;
  return sql`${e} IN (${sql.join(f.storage.kind === 'custom' ? strings : values)})`;
}

/**
 * Existing records (that the actor may read) matching any of the rows, by row index. A row with
 * several matches is reported by the caller, never silently merged.
 */
export async function findMatches(
  ctx: Ctx,
  meta: LoadedObject,
  plan: MatchPlan,
  rows: Record<string, unknown>[],
): Promise<Map<number, ApiRecord[]>> {
  const out = new Map<number, ApiRecord[]>();
  const byAlt = new Map<FieldDef[], number[]>();
  rows.forEach((values, i) => {
    const alt = alternativeFor(plan, values);
    if (!alt) return;
    const list = byAlt.get(alt) ?? [];
    list.push(i);
    byAlt.set(alt, list);
  });
  for (const [alt, indexes] of byAlt) {
    const first = alt[0]!;
    const wanted = [...new Set(indexes.map((i) => rows[i]![first.name]))];
    const conds: RawBuilder<unknown>[] = [
      baseCondition(meta, 't', ctx.workspaceId),
      sql`t.deleted_at IS NULL`,
      candidateCondition(meta, first, wanted),
    ];
    const scope = scopeSql(ctx.actor, meta.name, 'read', 't');
    if (scope) conds.push(scope);
    // A name shared by thousands of records is no key: cap the candidates per batch.
    const ids = (
      await sql<{ id: string }>`SELECT t.id FROM ${sql.table(meta.table)} AS t
        WHERE ${sql.join(conds, sql` AND `)} LIMIT 5000`.execute(ctx.db)
    ).rows.map((r) => r.id);
    if (!ids.length) continue;
    const { records } = await fetchRecords(ctx.db, ctx.workspaceId, meta, ids, { actor: ctx.actor });
    const index = new MatchIndex([alt]);
    for (const r of records) index.add(r);
    for (const i of indexes) {
      const hits = index.matching(alt, rows[i]!);
      if (hits.length) out.set(i, hits);
    }
  }
  return out;
}
