// The one query compiler for lists and searches: filters, `q`, the caller's scope, multi-field
// sort and keyset pages. A page is at most two index-ordered queries: when the first sort key
// can be NULL, the non-null rows come from one range and the NULL rows (kept last in both
// directions) from another, so no page ever scans from the start of the table (no OFFSET).
import { type RawBuilder, sql } from 'kysely';
import type { RecordFilter, RecordSort } from '@rapport/contracts/records';

import type { Ctx } from '../../../platform/context';
import { fieldError } from '../../../platform/errors';
import { escapeLike, normalizeQuery } from '../../../platform/search/searchText';
import type { FieldDef, LoadedObject } from '../meta/types';
import { scopeSql } from '../read/fetchRecords';
import { type CursorValue, decodeCursor, sortFingerprint } from './cursor';
import { baseCondition, fieldExpr, ref, selectColumns } from './fieldSql';
import { compileFilters } from './filterSql';
import { hiddenSearchGuard } from './hiddenSearch';
import { fieldAccess } from '../meta/fieldAccess';
import { linkColumns } from '../links/linkStores';

type Cond = RawBuilder<unknown>;

export interface ListRequest {
  filters?: RecordFilter[];
  sort?: RecordSort[];
  q?: string;
  limit?: number;
  after?: string | null;
  /** Totals are never counted unless asked: `estimate` reads the planner's row estimate. */
  total?: 'exact' | 'estimate';
}

export interface SortKey {
  field: FieldDef;
  expr: Cond;
  dir: 'asc' | 'desc';
  nullable: boolean;
  /** How a value of this key is written into a cursor. */
  name: string;
}

export interface CompiledList {
  /** One or two queries; run in order until the page is full. */
  phases: { query: RawBuilder<Record<string, unknown>>; limit: number }[];
  /** Every matching row, ignoring the page: for `total` (counted or estimated). */
  matching: RawBuilder<Record<string, unknown>>;
  keys: SortKey[];
  fingerprint: string;
  limit: number;
}

export const DEFAULT_SORT: RecordSort[] = [{ field: 'updatedAt', direction: 'desc' }];

export function sortKeys(ctx: Ctx, meta: LoadedObject, sort: RecordSort[], alias: string): SortKey[] {
  const keys: SortKey[] = [];
  const seen = new Set<string>();
  for (const [i, s] of sort.entries()) {
    const f = meta.byName.get(s.field);
    if (!f || fieldAccess(ctx.actor, meta.name, s.field) === 'hidden')
      throw fieldError(`sort.${i}.field`, `Unknown field ${s.field}`);
    if (!f.sortable || f.storage.kind === 'link')
      throw fieldError(`sort.${i}.field`, `The list cannot be sorted by ${s.field}`);
    if (f.name === 'id' || seen.has(f.name)) continue;
    seen.add(f.name);
    keys.push({
      field: f,
      expr: fieldExpr(f, alias),
      dir: s.direction,
      nullable: f.nullable !== false,
      name: f.name,
    });
  }
  return keys;
}

/** Cursor values of one row for the keys (read back from the selected sort columns). */
export function cursorValuesOf(row: Record<string, unknown>, keys: SortKey[]): CursorValue[] {
  return keys.map((_k, i) => {
    const v = row[`__k${i}`];
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'number' || typeof v === 'boolean') return v;
    return String(v);
  });
}

const cmp = (dir: 'asc' | 'desc') => sql.raw(dir === 'asc' ? '>' : '<');

/** Rows strictly after the cursor for keys[from..] then the id (NULLs last in both directions). */
function afterChain(
  keys: SortKey[],
  from: number,
  values: CursorValue[],
  id: string,
  alias: string,
  idDir: 'asc' | 'desc',
): Cond {
  if (from >= keys.length) return sql`${ref(alias, 'id')} ${cmp(idDir)} ${id}`;
  const k = keys[from]!;
  const v = values[from];
  const rest = afterChain(keys, from + 1, values, id, alias, idDir);
  if (v === null || v === undefined) {
    // In the NULL block only ties remain after the cursor.
    return sql`(${k.expr} IS NULL AND ${rest})`;
  }
  const after = k.nullable
    ? sql`(${k.expr} ${cmp(k.dir)} ${v} OR ${k.expr} IS NULL)`
    : sql`${k.expr} ${cmp(k.dir)} ${v}`;
  return sql`(${after} OR (${k.expr} = ${v} AND ${rest}))`;
}

function orderBy(keys: SortKey[], alias: string, idDir: 'asc' | 'desc', naturalFirst: boolean): Cond {
  const parts = keys.map((k, i) => {
    const dir = sql.raw(k.dir === 'asc' ? 'ASC' : 'DESC');
    // The first key's NULLs are handled by the phase split, so it keeps the index's natural order.
    if (!k.nullable || (i === 0 && naturalFirst)) return sql`${k.expr} ${dir}`;
    return sql`${k.expr} ${dir} NULLS LAST`;
  });
  parts.push(sql`${ref(alias, 'id')} ${sql.raw(idDir === 'asc' ? 'ASC' : 'DESC')}`);
  return sql.join(parts);
}

export async function compileList(
  ctx: Ctx,
  meta: LoadedObject,
  req: ListRequest,
  alias = 't',
): Promise<CompiledList> {
  const limit = Math.min(Math.max(req.limit ?? 50, 1), 200);
  const conds: Cond[] = [
    baseCondition(meta, alias, ctx.workspaceId),
    sql`${ref(alias, 'deleted_at')} IS NULL`,
  ];
  const scope = scopeSql(ctx.actor, meta.name, 'read', alias);
  if (scope) conds.push(scope);
  conds.push(
    ...(await compileFilters(
      {
        ctx,
        meta,
        alias,
        tc: { userId: ctx.actor.userId, timeZone: meta.workspace.timeZone },
        related: new Map(),
      },
      req.filters ?? [],
    )),
  );
  const hasQ = req.q !== undefined && req.q.trim() !== '';
  if (hasQ && req.q) {
    const q = normalizeQuery(req.q);
    if (!q) throw fieldError('q', 'The search text has nothing to search for');
    conds.push(sql`${ref(alias, 'search_text')} ILIKE ${`%${escapeLike(q)}%`}`);
    const guard = hiddenSearchGuard(ctx.actor, meta, alias, [q]);
    if (guard) conds.push(guard);
  }

  const keys = sortKeys(ctx, meta, req.sort?.length ? req.sort : DEFAULT_SORT, alias);
  const idDir = keys.length ? keys[keys.length - 1]!.dir : 'desc';
  const fingerprint = sortFingerprint([meta.name, ...keys.map((k) => `${k.name}:${k.dir}`), `id:${idDir}`]);
  const cursor = req.after ? decodeCursor(req.after, fingerprint, keys.length) : null;

  // A page shows records; the internal columns (match keys and the like) serve writes only, and a
  // contact's arrays of them were a good part of the rows the driver had to parse.
  const select = sql`${selectColumns(meta, alias, { internal: false })}${sql.join(
    keys.map((k, i) => sql`, ${k.expr} AS ${sql.ref(`__k${i}`)}`),
    sql``,
  )}`;
  const links = linkColumns(meta, alias, ctx.workspaceId);
  const from = sql`${sql.table(meta.table)} AS ${sql.ref(alias)}`;
  // With `q`, the planner cannot tell a rare word from a common one (LIKE estimates are guesses)
  // and tends to walk the sort index filtering every row — a full scan for a rare name. The
  // matches are therefore collected first through the trigram index, then sorted.
  const searching = hasQ;
  const build = (extra: Cond[], naturalFirst: boolean, n: number) => {
    const where = sql`WHERE ${sql.join([...conds, ...extra], sql`\n  AND `)}`;
    const order = sql`ORDER BY ${orderBy(keys, alias, idDir, naturalFirst)}
LIMIT ${sql.lit(n + 1)}`;
    if (!searching)
      return sql<Record<string, unknown>>`SELECT ${select}${links} FROM ${from}\n${where}\n${order}`;
    // The link subqueries stay outside the CTE, so only the page's rows run them, not every match.
    return sql<Record<string, unknown>>`WITH matches AS MATERIALIZED (SELECT ${select} FROM ${from}\n${where})
SELECT *${links} FROM matches AS ${sql.ref(alias)}\n${order}`;
  };

  const matching = sql<Record<string, unknown>>`SELECT 1 FROM ${from} WHERE ${sql.join(conds, sql` AND `)}`;
  const first = keys[0];
  if (!first?.nullable) {
    const extra: Cond[] = [];
    if (cursor) {
      const sameDir = keys.every((k) => k.dir === idDir) && keys.every((k) => !k.nullable);
      if (sameDir) {
        // A row comparison is one index range: (k1, …, id) > (v1, …, vid).
        const lhs = sql.join([...keys.map((k) => k.expr), ref(alias, 'id')]);
        const rhs = sql.join([...cursor.values.map((v) => sql`${v}`), sql`${cursor.id}`]);
        extra.push(sql`(${lhs}) ${cmp(idDir)} (${rhs})`);
      } else {
        if (first)
          extra.push(sql`${first.expr} ${sql.raw(first.dir === 'asc' ? '>=' : '<=')} ${cursor.values[0]}`);
        extra.push(afterChain(keys, 0, cursor.values, cursor.id, alias, idDir));
      }
    }
    return { phases: [{ query: build(extra, false, limit), limit }], matching, keys, fingerprint, limit };
  }

  // First key nullable: phase A walks the non-null range, phase B the NULL block after it.
  const phases: CompiledList['phases'] = [];
  const v0 = cursor?.values[0];
  if (!cursor || (v0 !== null && v0 !== undefined)) {
    const extra: Cond[] = [sql`${first.expr} IS NOT NULL`];
    if (cursor) {
      extra.push(sql`${first.expr} ${sql.raw(first.dir === 'asc' ? '>=' : '<=')} ${v0}`);
      const rest = afterChain(keys, 1, cursor.values, cursor.id, alias, idDir);
      extra.push(sql`(${first.expr} ${cmp(first.dir)} ${v0} OR (${first.expr} = ${v0} AND ${rest}))`);
    }
    phases.push({ query: build(extra, true, limit), limit });
  }
  const nullExtra: Cond[] = [sql`${first.expr} IS NULL`];
  if (cursor && (v0 === null || v0 === undefined))
    nullExtra.push(afterChain(keys, 1, cursor.values, cursor.id, alias, idDir));
  phases.push({ query: build(nullExtra, true, limit), limit });
  return { phases, matching, keys, fingerprint, limit };
}
