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
