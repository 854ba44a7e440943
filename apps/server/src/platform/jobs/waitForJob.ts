// Waits for a job to finish (tests, `rapport` commands that run a job and report its outcome).
import type PgBoss from 'pg-boss';
import type { Boss } from './queue';

export type FinishedJob = PgBoss.JobWithMetadata<Record<string, unknown>>;

export async function waitForJob(
  boss: Boss,
  name: string,
  id: string,
  timeoutMs = 60_000,
): Promise<FinishedJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await boss.getJobById<Record<string, unknown>>(name, id, { includeArchive: true });
    if (job && (job.state === 'completed' || job.state === 'failed' || job.state === 'cancelled')) return job;
    if (Date.now() > deadline)
      throw new Error(`Job ${name} ${id} did not finish within ${timeoutMs} ms (${job?.state})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
