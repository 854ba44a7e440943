// Global search: one UNION ALL over every searchable object the caller may read, each arm matched
// through its table's trigram index, scoped in SQL, ranked, cut to the best `limit`.
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { scopeCondition, scopeOf } from '../../platform/access/authorize';
import type { Ctx } from '../../platform/context';
import { fieldError } from '../../platform/errors';
import { isSearchable, matchPlan, type MatchPlan, wordStartsOnly } from '../../platform/search/matchPlan';
import { fuzzyThresholdStatement, searchCondition, searchScore } from '../../platform/search/searchSql';
import { isPinyinText } from '../../platform/search/pinyinText';
import { normalizeQuery } from '../../platform/search/searchText';
import { loadObject } from '../records/meta/loadObject';
import { hiddenSearchGuard, hidesFieldsOf } from '../records/query/hiddenSearch';
import { type Labels, standardSources, subtitleFor } from './searchSources';

export interface SearchHit {
  object: string;
  objectLabel: Labels;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

interface HitRow {
  object: string;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

interface CustomObject {
  name: string;
  labels: Labels;
}

// Tables are chosen at run time from the source list; their columns are the ones every record
// table has (see the records module's README), so the query is built without the typed table map.
// biome-ignore lint/suspicious/noExplicitAny: table names are data here; the columns are checked by the tests
type AnyDb = Kysely<any>;

const ownership = (alias: string) => ({
  owner: `${alias}.owner_id`,
  team: `${alias}.team_id`,
  unit: `${alias}.unit_id`,
});

async function customObjects(ctx: Ctx): Promise<CustomObject[]> {
  const rows = await (ctx.db as AnyDb)
    .selectFrom('object_definitions')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('retired_at', 'is', null)
    .select(['name', 'labels'])
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    name: r.name as string,
    labels: { en: r.labels?.en ?? r.name, 'zh-CN': r.labels?.['zh-CN'] ?? r.labels?.en ?? r.name },
  }));
}

/** The arms of the union, one per standard table and one for all custom objects together. */
/** Per object, the hidden-field guard of this caller (records/query/hiddenSearch.ts); absent = none. */
export type Guards = Map<string, RawBuilder<SqlBool>>;

async function guardsFor(ctx: Ctx, q: string, custom: CustomObject[]): Promise<Guards> {
  const guards: Guards = new Map();
  const words = q.split(' ');
  for (const object of [...standardSources.map((s) => s.object), ...custom.map((o) => o.name)]) {
    if (!hidesFieldsOf(ctx.actor, object) || scopeOf(ctx.actor, object, 'read') === 'none') continue;
    const guard = hiddenSearchGuard(ctx.actor, await loadObject(ctx, object), 't', words);
    if (guard) guards.set(object, guard);
  }
  return guards;
}

/**
 * Per object, at most this many matching rows are ranked. A common surname matches tens of
 * thousands of contacts at 1M; scoring every one (word similarity is the expensive part) made such
 * a search take seconds. Past this many, the best 20 of any 1,000 are all equally good answers, and
 * the user narrows by typing more.
 */
export const CANDIDATES = 1000;

export function searchQuery(
  db: AnyDb,
  ctx: Ctx,
  plan: MatchPlan,
  limit: number,
  custom: CustomObject[],
  guards: Guards = new Map(),
) {
  // Where a guard applies, typo matches are left out: a near miss on a hidden value is a leak too.
  const exact = searchCondition('t.search_text', { ...plan, fuzzy: null });
  const arms = [];
  for (const s of standardSources) {
    const scope = scopeOf(ctx.actor, s.object, 'read');
    if (scope === 'none') continue;
    const cond = scopeCondition(ctx.actor, scope, ownership('t'));
    let q = db
      .selectFrom(`${s.table} as t`)
      .where('t.workspace_id', '=', ctx.workspaceId)
      .where('t.deleted_at', 'is', null)
      .where(searchCondition('t.search_text', plan));
    if (cond) q = q.where(cond);
    const guard = guards.get(s.object);
    if (guard) q = q.where(sql<SqlBool>`${exact} AND ${guard}`);
    const arm = db
      .selectFrom(q.selectAll('t').limit(CANDIDATES).as('t'))
      .select([
        sql.lit(s.object).as('object'),
        't.id',
        s.title('t').as('title'),
        subtitleFor(ctx.actor, s, 't').as('subtitle'),
        searchScore('t.search_text', plan).as('score'),
      ])
      .orderBy('score', 'desc')
      .orderBy('t.id')
      .limit(limit);
    arms.push(db.selectFrom(arm.as(`a_${s.object}`)).selectAll());
  }

  // Custom objects share one table: one arm, each object with its own read scope.
  const readable = custom
    .map((o) => ({ o, scope: scopeOf(ctx.actor, o.name, 'read') }))
    .filter((x) => x.scope !== 'none');
  if (readable.length) {
    const candidates = db
      .selectFrom('records as t')
      .where('t.workspace_id', '=', ctx.workspaceId)
      .where('t.deleted_at', 'is', null)
      .where(searchCondition('t.search_text', plan))
      .where((eb) => {
        const perObject: Expression<SqlBool>[] = readable.map(({ o, scope }) => {
          const cond = scopeCondition(ctx.actor, scope, ownership('t'));
          const isObject = eb('t.object', '=', o.name);
          const guard = guards.get(o.name);
          const parts: Expression<SqlBool>[] = [isObject];
          if (cond) parts.push(cond(eb));
          if (guard) parts.push(sql<SqlBool>`${exact} AND ${guard}`);
          return parts.length === 1 ? isObject : eb.and(parts);
        });
        return eb.or(perObject);
      })
      .selectAll('t')
      .limit(CANDIDATES);
    const arm = db
      .selectFrom(candidates.as('t'))
      .select([
        't.object',
        't.id',
        't.name as title',
        sql<null>`NULL::text`.as('subtitle'),
        searchScore('t.search_text', plan).as('score'),
      ])
      .orderBy('score', 'desc')
      .orderBy('t.id')
      .limit(limit);
    arms.push(db.selectFrom(arm.as('a_records')).selectAll());
  }
  if (arms.length === 0) return null;
  const union = arms.slice(1).reduce((u, a) => u.unionAll(a), arms[0]!);
  return db
    .selectFrom(union.as('hits'))
    .select(['object', 'id', 'title', 'subtitle', 'score'])
    .orderBy('score', 'desc')
    .orderBy('title')
    .orderBy('id')
    .limit(limit);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function globalSearch(ctx: Ctx, input: { q: string; limit: number }): Promise<SearchHit[]> {
  const q = normalizeQuery(input.q);
  const plan = matchPlan(q);
  // Nothing left after normalising (only emoji), or nothing a trigram can be made of (only "%-_").
  if (!isSearchable(plan))
    throw fieldError('q', 'The search has nothing to match: type letters, characters or digits');
  const custom = await customObjects(ctx);
  const guards = await guardsFor(ctx, q, custom);
  const runPlan = async (db: AnyDb, p: MatchPlan): Promise<HitRow[]> => {
    const query = searchQuery(db, ctx, p, input.limit, custom, guards);
    if (!query) return [];
    const threshold = fuzzyThresholdStatement(p);
    if (threshold) await threshold.execute(db);
    return query.execute();
  };
  // Typo matching is the expensive part (every row sharing a few trigrams is rechecked) and its
  // hits score below every exact one (a typo-only hit is at most 0.25, an exact one at least
  // that): when the exact matches already fill the page, the typo pass could not change it.
  const exact: MatchPlan = { ...plan, fuzzy: null };
  // Two Chinese characters: rows where they start a word rank above rows where the pinyin finds
  // them inside one (tier 2 or 3 against 1), so a page filled by the former is the answer and
  // the pinyin probes, with their homophones to recheck, are not sent at all.
  const wordStarts = wordStartsOnly(plan);
  const run = async (db: AnyDb) => {
    if (wordStarts) {
      const rows = await runPlan(db, wordStarts);
      if (rows.length >= input.limit) return rows;
    }
    if (!plan.fuzzy || !isSearchable(exact)) return runPlan(db, plan);
    const exactRows = await runPlan(db, exact);
    if (exactRows.length >= input.limit) return exactRows;
    // A pinyin name that matched someone exactly is answered: its typo neighbours are other names
    // (tangkaichun for tangkaichen), and that pass was the slow part of a pinyin search at 1M rows.
    if (exactRows.length > 0 && isPinyinText(q)) return exactRows;
    // Fewer exact hits than a page means no arm was cut to CANDIDATES: they are all here. The typo
    // pass ranks a capped sample, which might leave some of them out, so they are merged back in.
    const seen = new Set(exactRows.map((r) => `${r.object}:${r.id}`));
    const typos = (await runPlan(db, plan)).filter((r) => !seen.has(`${r.object}:${r.id}`));
    return [...exactRows, ...typos]
      .sort((a, b) => Number(b.score) - Number(a.score) || cmp(a.title, b.title) || cmp(a.id, b.id))
      .slice(0, input.limit);
  };
  // The typo threshold is a setting local to a transaction: the search runs in one of its own
  // (or in the caller's, when it already holds one).
  const db = ctx.db as AnyDb;
  const rows: HitRow[] = ctx.db.isTransaction ? await run(db) : await db.transaction().execute(run);

  const labels = new Map<string, Labels>([
    ...standardSources.map((s) => [s.object, s.label] as const),
    ...custom.map((o) => [o.name, o.labels] as const),
  ]);
  return rows.map((r) => ({
    object: r.object,
    objectLabel: labels.get(r.object) ?? { en: r.object, 'zh-CN': r.object },
    id: r.id,
    title: r.title,
    subtitle: r.subtitle,
    score: Number(r.score),
  }));
}
