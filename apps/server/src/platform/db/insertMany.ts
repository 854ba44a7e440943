// Many rows into one table with one parameter: the rows as a JSON array, unpacked by
// jsonb_populate_recordset against the table's own row type. A VALUES list carries a parameter per
// cell (30,000 for 2,000 contacts) that the query builder, the driver and the server's parser each
// walk: for an import batch of 2,000 contacts about a fifth of the insert's time (measured A/B).
import { sql } from 'kysely';
import type { Executor } from './schema';

/** Rows per statement: a bound on the JSON text one statement carries. */
const ROWS_PER_STATEMENT = 5_000;

// json/jsonb values come serialised already (what the driver needs for a VALUES list, where a JS
// array would become a PostgreSQL array): they are spliced into the JSON text as they are.
const cell = (json: ReadonlySet<string>, col: string, v: unknown): string =>
  v === null ? 'null' : json.has(col) && typeof v === 'string' ? v : JSON.stringify(v);

/**
 * Inserts the rows; a key that is absent (or undefined) takes the column's default, as in a VALUES
 * list, so rows are grouped by the keys they give. Values are what the driver would take: Dates,
 * strings, numbers, booleans, arrays for array columns, and JSON text for the json/jsonb columns
 * named in `jsonColumns`.
 */
export async function insertMany(
  db: Executor,
  table: string,
  rows: readonly Record<string, unknown>[],
  jsonColumns: readonly string[],
) {
  if (!rows.length) return;
  const json = new Set(jsonColumns);
  const groups = new Map<string, { cols: string[]; rows: Record<string, unknown>[] }>();
  for (const r of rows) {
    const cols = Object.keys(r).filter((k) => r[k] !== undefined);
    const key = cols.join('\u0001');
    const g = groups.get(key) ?? { cols, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  for (const { cols, rows: list } of groups.values()) {
    const names = cols.map((c) => JSON.stringify(c));
    for (let i = 0; i < list.length; i += ROWS_PER_STATEMENT) {
      const parts: string[] = [];
      for (const r of list.slice(i, i + ROWS_PER_STATEMENT))
        parts.push(`{${cols.map((c, j) => `${names[j]}:${cell(json, c, r[c])}`).join(',')}}`);
      const colList = sql.join(cols.map((c) => sql.ref(c)));
      await sql`INSERT INTO ${sql.table(table)} (${colList})
        SELECT ${colList} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${`[${parts.join(',')}]`}::jsonb)`.execute(
        db,
      );
    }
  }
}
