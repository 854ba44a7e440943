// SQL for matching and ranking a MatchPlan against a `search_text` column. Shared by global search
// and any list `q` filter that wants the same index-friendly matching.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { MatchPlan } from './matchPlan';
import { escapeLike } from './searchText';

const or = (parts: RawBuilder<SqlBool>[]) =>
  parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
const and = (parts: RawBuilder<SqlBool>[]) =>
  parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;

/**
 * The WHERE condition: true for rows the plan matches. `column` is a qualified column name such
 * as "c.search_text". An empty plan matches nothing (callers reject empty queries before this).
 */
export function searchCondition(column: string, plan: MatchPlan): RawBuilder<SqlBool> {
  const col = sql.ref(column);
  const like = (p: string) => sql<SqlBool>`${col} LIKE ${p}`;
  const alternatives = plan.any.map(like);
  if (plan.everyWord.length > 0) alternatives.push(and(plan.everyWord.map((w) => or(w.map(like)))));
  if (plan.fuzzy) alternatives.push(sql<SqlBool>`${plan.q} <% ${col}`);
  if (alternatives.length === 0) return sql<SqlBool>`false`;
  const found = or(alternatives);
  return plan.also.length ? and([found, ...plan.also.map(like)]) : found;
}

/**
 * A score in [0, 1]: the kind of match (the whole word or phrase, the start of a word, inside a
 * word, a similar spelling) first, word similarity within a kind.
 */
export function searchScore(column: string, plan: MatchPlan): RawBuilder<number> {
  const col = sql.ref(column);
  const anyForm = (pattern: (e: string) => string) =>
    or(plan.forms.map((f) => sql<SqlBool>`${col} LIKE ${pattern(escapeLike(f))}`));
  const wordForm = or(
    plan.forms.map((f) => sql<SqlBool>`(' ' || ${col} || ' ') LIKE ${`% ${escapeLike(f)} %`}`),
  );
  // Every word, in any order, ranks with "inside a word": all that is not a typo scores above
  // every typo (global search relies on it to skip the typo pass when exact hits fill the page).
  const everyWord = plan.everyWord.length
    ? and(plan.everyWord.map((w) => or(w.map((p) => sql<SqlBool>`${col} LIKE ${p}`))))
    : sql<SqlBool>`false`;
  const tier = sql`CASE
    WHEN ${wordForm} THEN 3
    WHEN ${anyForm((e) => `${e}%`)} OR ${anyForm((e) => `% ${e}%`)} THEN 2
    WHEN ${anyForm((e) => `%${e}%`)} OR ${everyWord} THEN 1
    ELSE 0 END`;
  return sql<number>`round(((${tier} + word_similarity(${plan.q}, ${col})) / 4)::numeric, 4)::float8`;
}

/**
 * Sets the typo threshold for the rest of the transaction: the `<%` operator (the one the trigram
 * index answers) reads it from this setting, not from an argument.
 */
export function fuzzyThresholdStatement(plan: MatchPlan): RawBuilder<unknown> | null {
  if (!plan.fuzzy) return null;
  return sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(plan.fuzzy.threshold)}, true)`;
}
