// The job that proves the queue: every hour, delete sessions that can never be used again — past their
// absolute expiry, or revoked (signed out, ended by an admin, password changed). Deleting is naturally
// idempotent, so a retried or doubled run is harmless. Idle-timed-out sessions are already refused at
// once (sessions.ts) and go at their absolute expiry: an index on last_seen_at would cost every touch.
import { sql } from 'kysely';
import { clock } from '../clock';
import type { Db } from '../db/schema';
import { registerJob } from './registry';

export const SESSION_PURGE_JOB = 'sessions.purge';
const BATCH = 1000;

async function deleteInBatches(db: Db, where: ReturnType<typeof sql<boolean>>): Promise<number> {
  let total = 0;
  for (;;) {
    // Small batches keep each statement's locks short on a busy sessions table.
    const r = await sql`
      DELETE FROM sessions WHERE (workspace_id, id) IN (
        SELECT workspace_id, id FROM sessions WHERE ${where} LIMIT ${BATCH}
      )`.execute(db);
    const n = Number(r.numAffectedRows ?? 0);
    total += n;
    if (n < BATCH) return total;
  }
}

export async function purgeSessions(
  db: Db,
  now: Date = clock.now(),
): Promise<{ expired: number; revoked: number }> {
  const expired = await deleteInBatches(db, sql<boolean>`expires_at <= ${now}`);
  const revoked = await deleteInBatches(db, sql<boolean>`revoked_at IS NOT NULL`);
  return { expired, revoked };
}

registerJob({
  name: SESSION_PURGE_JOB,
  schedule: { cron: '7 * * * *' },
  options: { expireInSeconds: 300, retryLimit: 3, retryDelay: 60, retryBackoff: true },
  async handler(_data, ctx) {
    const counts = await purgeSessions(ctx.store.db);
    ctx.log.info(counts, 'purged sessions');
    return counts;
  },
});
