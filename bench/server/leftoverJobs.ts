// An import the bench stopped following is still queued in the bench database when the server
// stops; it would resume on the next start and compete with a --reuse run's workload. The bench
// database is the bench's own, so the leftover job is cancelled there and the import marked failed.
import type { Loader } from '../dataset/loader';

export async function cancelLeftoverImports(db: Loader): Promise<number> {
  const jobs = await db.query<{ n: number }>(
    `WITH c AS (UPDATE pgboss.job SET state = 'cancelled'
       WHERE name = 'imports.run' AND state IN ('created', 'retry', 'active') RETURNING 1)
     SELECT count(*)::int AS n FROM c`,
  );
  await db.query(
    `UPDATE imports SET status = 'failed', error = 'Stopped by the benchmark after its follow time', finished_at = now()
     WHERE status IN ('queued', 'running')`,
  );
  return jobs[0]?.n ?? 0;
}

/**
 * The events a run's import left undispatched would be worked off during the next --reuse run's
 * workload (one per imported row) and load the machine it measures. The bench database has no
 * workflows, webhooks, scoring rules or sequences, so dispatching them would write nothing: they
 * are marked processed instead, and the count is reported.
 */
export async function settleLeftoverEvents(db: Loader): Promise<number> {
  const consumers = await db.query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM workflows) + (SELECT count(*) FROM webhooks)
       + (SELECT count(*) FROM scoring_rules) + (SELECT count(*) FROM sequence_enrollments))::int AS n`,
  );
  if (consumers[0]?.n) return 0; // something would act on them: leave them to the dispatcher
  const done = await db.query<{ n: number }>(
    `WITH d AS (UPDATE outbox_events SET processed_at = now() WHERE processed_at IS NULL RETURNING 1)
     SELECT count(*)::int AS n FROM d`,
  );
  return done[0]?.n ?? 0;
}
