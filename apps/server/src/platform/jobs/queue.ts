// pg-boss on the same database as everything else. On PostgreSQL it shares the store's pool; on the
// embedded store it talks to the one PGlite instance of the process through an `executeSql` adapter.
import type { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Store } from '../db/open';

export type Boss = PgBoss;

export interface QueueOptions {
  /** How often an idle worker asks for work (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How often expired jobs are retried and old ones archived; pg-boss coordinates this across processes. */
  maintenanceIntervalSeconds?: number;
  /** Run cron schedules from this process (every process may: pg-boss sends each tick once). */
  schedule?: boolean;
  /** Run maintenance (expiry, archiving) from this process. */
  supervise?: boolean;
}

/**
 * pg-boss calls `executeSql(text, values)`. With parameters that is one extended-protocol query; without,
 * pg-boss may send several statements at once (its schema, its locks), which only PGlite's `exec` accepts.
 * pg's pool.query answers a multi-statement text with every result, so this adapter does the same.
 */
export function pgliteExecutor(pglite: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) {
        const r = await pglite.query(text, values);
        return { rows: r.rows as unknown[] };
      }
      const results = await pglite.exec(text);
      if (results.length === 1) return { rows: results[0]!.rows as unknown[] };
      // Callers that read rows only do so for single statements; keep every result like pg does.
      return Object.assign(
        results.map((r) => ({ rows: r.rows as unknown[] })),
        { rows: (results.at(-1)?.rows ?? []) as unknown[] },
      );
    },
  };
}

export interface BossHandle {
  boss: Boss;
  /**
   * Runs queue set-up (creating queues, schedules) while holding an installation-wide lock: pg-boss
   * creates a partition table per queue, and two processes doing that at once deadlock on PostgreSQL.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

const SETUP_LOCK_KEY = 'rapport.jobs.setup';

/** Creates (not starts) the queue; `start()` installs or upgrades pg-boss's own schema `pgboss`. */
export function createBoss(store: Store, opts: QueueOptions = {}): BossHandle {
  const config = {
    schema: 'pgboss',
    migrate: true,
    supervise: opts.supervise ?? true,
    schedule: opts.schedule ?? true,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 60,
    pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2,
  };
  if (store.kind === 'embedded') {
    if (!store.pglite) throw new Error('The embedded store has no PGlite instance');
    // One process owns the embedded store, so set-up needs no lock.
    const boss = new PgBoss({ ...config, db: pgliteExecutor(store.pglite) });
    return { boss, exclusive: (fn) => fn() };
  }
  if (!store.pool) throw new Error('The PostgreSQL store has no connection pool');
  const pool = store.pool;
  // While set-up holds the advisory lock, every pg-boss statement goes through the locking connection.
  let pinned: pg.PoolClient | null = null;
  const db: PgBoss.Db = {
    async executeSql(text: string, values?: unknown[]) {
      const target = pinned ?? pool;
      return (await target.query(text, values)) as unknown as { rows: unknown[] };
    },
  };
  const boss = new PgBoss({ ...config, db });
  return {
    boss,
    async exclusive(fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [SETUP_LOCK_KEY]);
        pinned = client;
        try {
          return await fn();
        } finally {
          pinned = null;
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [SETUP_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
  };
}
