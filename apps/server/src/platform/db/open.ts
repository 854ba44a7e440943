// Opens the store: PGlite in DATA_DIR (the default, one process) or a PostgreSQL server
// (DATABASE_URL). Both are reached through the same Kysely instance and the same raw `query`.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock } from './lock';
import { PreparingClient } from './preparedStatements';
import type { Database } from './schema';

export type StoreKind = 'embedded' | 'postgres';

export interface QueryResult<R = Record<string, unknown>> {
  rows: R[];
}

export interface Store {
  kind: StoreKind;
  db: Kysely<Database>;
  /** Parameterised SQL outside Kysely (pg-boss, scripts, EXPLAIN). */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** Several statements without parameters (migrations in raw SQL, pg-boss schema). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
  /** Where the embedded store keeps its files (null on PostgreSQL). */
  dataDir: string | null;
}

// All-day dates stay 'YYYY-MM-DD' strings (a Date would shift them by the time zone); int8 counts
// become numbers; NUMERIC stays a string on both drivers so money never passes through a float.
const DATE_OID = 1082;
const INT8_OID = 20;
pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Skip the lock (only for copies made by tests, never for a real data directory). */
  noLock?: boolean;
  poolSize?: number;
}

export async function openStore(opts: OpenOptions): Promise<Store> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openEmbedded(opts.dataDir, opts.noLock ?? false);
}

async function openPostgres(url: string, max: number): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max, Client: PreparingClient });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  });
  const client = await pool.connect();
  client.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    pool,
    dataDir: null,
    async query(sql, params) {
      const r = await pool.query(sql, params as unknown[]);
      return { rows: r.rows };
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await db.destroy();
    },
  };
}

export async function openEmbeddedInstance(pgDir: string): Promise<PGlite> {
  fs.mkdirSync(pgDir, { recursive: true });
  return PGlite.create({
    dataDir: pgDir,
    extensions: { pg_trgm },
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) },
  });
}

async function openEmbedded(dataDir: string, noLock: boolean): Promise<Store> {
  const release = noLock ? () => {} : acquireDataDirLock(dataDir);
  let pglite: PGlite;
  try {
    pglite = await openEmbeddedInstance(path.join(dataDir, 'pg'));
  } catch (err) {
    release();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  let closed = false;
  return {
    kind: 'embedded',
    db,
    pglite,
    dataDir,
    async query(sql, params) {
      const r = await pglite.query(sql, params as unknown[]);
      return { rows: r.rows as never[] };
    },
    async exec(sql) {
      await pglite.exec(sql);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        release();
      }
    },
  };
}
