// What a backup needs to know about the schema, read from the PostgreSQL catalog (the same on PGlite):
// the tables of `public`, their columns, primary keys, foreign keys, triggers and sequences.
import { ident, type SqlSession } from './sqlSession';

/** Kysely's own bookkeeping: rebuilt by the migrations of the target, never copied. */
export const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

export interface ColumnInfo {
  name: string;
  type: string;
  generated: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Primary key columns in key order; empty when the table has none (then rows are paged by ctid). */
  primaryKey: string[];
}

export async function listTables(s: SqlSession): Promise<TableInfo[]> {
  const tables = await s.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname`);
  const columns = await s.query<{ table: string; name: string; type: string; generated: string }>(`
    SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
           a.attgenerated::text AS generated
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`);
  const keys = await s.query<{ table: string; name: string }>(`
    SELECT c.relname AS table, a.attname AS name
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
    WHERE n.nspname = 'public' AND i.indisprimary
    ORDER BY c.relname, array_position(i.indkey::int2[], a.attnum)`);
  return tables
    .filter((t) => !MIGRATION_TABLES.has(t.name))
    .map((t) => ({
      name: t.name,
      columns: columns
        .filter((c) => c.table === t.name)
        .map((c) => ({ name: c.name, type: c.type, generated: c.generated !== '' })),
      primaryKey: keys.filter((k) => k.table === t.name).map((k) => k.name),
    }));
}

export interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

export async function listForeignKeys(s: SqlSession): Promise<ForeignKey[]> {
  return s.query<ForeignKey>(`
    SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND k.contype = 'f'
    ORDER BY c.relname, k.conname`);
}

export interface SequenceValue {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export async function readSequences(s: SqlSession): Promise<SequenceValue[]> {
  const seqs = await s.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`);
  const out: SequenceValue[] = [];
  for (const { name } of seqs) {
    const [row] = await s.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM public.${ident(name)}`,
    );
    out.push({ name, lastValue: row!.last_value, isCalled: row!.is_called });
  }
  return out;
}

export async function appliedMigrations(s: SqlSession): Promise<string[]> {
  const [exists] = await s.query<{ t: string | null }>(
    `SELECT to_regclass('public.kysely_migration')::text AS t`,
  );
  if (!exists?.t) return [];
  const rows = await s.query<{ name: string }>('SELECT name FROM public.kysely_migration ORDER BY name');
  return rows.map((r) => r.name);
}

/**
 * The tables that hold business data: `workspaces` and every table carrying a `workspace_id` that has
 * a row. Rows a migration seeds (reference data) do not count, so a freshly migrated database is
 * still "empty" and a restore into it needs no --force.
 */
export async function tablesWithBusinessData(s: SqlSession, tables: TableInfo[]): Promise<string[]> {
  const found: string[] = [];
  for (const t of tables) {
    if (t.name !== 'workspaces' && !t.columns.some((c) => c.name === 'workspace_id')) continue;
    const rows = await s.query(`SELECT 1 FROM public.${ident(t.name)} LIMIT 1`);
    if (rows.length > 0) found.push(t.name);
  }
  return found;
}
