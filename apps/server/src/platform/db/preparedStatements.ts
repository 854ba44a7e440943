// Statements run on every request (the caller's identity, a page's related names) are kept
// prepared on each PostgreSQL connection: their plan took 1.1–1.3 ms, four times their execution
// (EXPLAIN ANALYZE and the server's own log on the 1M data set). A statement is kept by its text,
// registered by the code that runs it; every other statement is sent as before. PGlite runs
// in-process and is left as it is.
import type { Kysely } from 'kysely';
import pg from 'pg';

const names = new Map<string, string>();
/**
 * A bound on the texts kept, so a caller whose texts vary more than expected cannot grow every
 * connection's set of prepared statements without end: past it, new texts are sent unnamed.
 */
export const MAX_KEPT = 500;

/** Runs this SQL text as a named prepared statement from now on (idempotent). */
export function keepPrepared(text: string): void {
  if (!names.has(text) && names.size < MAX_KEPT) names.set(text, `rapport_${names.size + 1}`);
}

export const isKept = (text: string) => names.has(text);

/** Registers the compiled text of a query the first time it is built, and returns the query. */
export function prepared<T extends { compile(db: Kysely<never>): { sql: string } }>(
  query: T,
  db: unknown,
  seen: { done: boolean },
): T {
  if (!seen.done) {
    keepPrepared(query.compile(db as Kysely<never>).sql);
    seen.done = true;
  }
  return query;
}

/** pg's client, sending a kept statement by name (parsed and planned once per connection). */
export class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query overloads (text, config, Submittable)
  override query(text: any, values?: any, callback?: any): any {
    if (typeof text === 'string' && typeof values !== 'function' && !callback) {
      const name = names.get(text);
      if (name) return super.query({ name, text, values });
    }
    return super.query(text, values, callback);
  }
}
