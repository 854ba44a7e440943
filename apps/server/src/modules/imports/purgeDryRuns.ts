// Every hour, remove the stored files of dry runs nobody ran for real within a day. The wizard keeps
// a dry run's upload so "Run import" needs no second upload; one abandoned in the preview would
// otherwise keep its file (up to the upload limit) forever. The import row stays, with its counts
// and errors; it can no longer be run (canRun false) and says to upload the file again.
import { sql } from 'kysely';
import { clock } from '../../platform/clock';
import type { Db } from '../../platform/db/schema';
import { removeStoredFile } from '../../platform/files/storage';
import { registerJob } from '../../platform/jobs/registry';

export const DRY_RUN_PURGE_JOB = 'imports.purge-dry-runs';
export const DRY_RUN_KEPT_HOURS = 24;
const BATCH = 500;

export async function purgeDryRunFiles(db: Db, now: Date = clock.now()): Promise<{ removed: number }> {
  const before = new Date(now.getTime() - DRY_RUN_KEPT_HOURS * 3600_000);
  let removed = 0;
  for (;;) {
    // The file is forgotten in the row first and removed after the commit: a run starting at the
    // same moment either holds the row (skipped here) or finds no file and says so; it never reads
    // a half-deleted one. The imports table has one row per upload, so this scan stays small.
    const paths = await db.transaction().execute(async (tx) => {
      const res = await sql<{ file_path: string }>`
        WITH stale AS (
          SELECT workspace_id, id FROM imports
          WHERE dry_run AND file_path IS NOT NULL AND status IN ('completed', 'failed')
            AND finished_at < ${before}
          LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
        ), old AS (
          SELECT i.workspace_id, i.id, i.file_path FROM imports i JOIN stale USING (workspace_id, id)
        )
        UPDATE imports i SET file_path = NULL FROM old
        WHERE i.workspace_id = old.workspace_id AND i.id = old.id
        RETURNING old.file_path`.execute(tx);
      return res.rows.map((r) => r.file_path);
    });
    for (const p of paths) await removeStoredFile(p);
    removed += paths.length;
    if (paths.length < BATCH) return { removed };
  }
}

registerJob({
  name: DRY_RUN_PURGE_JOB,
  schedule: { cron: '23 * * * *' },
  options: { expireInSeconds: 600, retryLimit: 3, retryDelay: 60, retryBackoff: true },
  async handler(_data, ctx) {
    const counts = await purgeDryRunFiles(ctx.store.db);
    ctx.log.info(counts, 'removed the files of stale dry runs');
    return counts;
  },
});
