// The background jobs of imports. Both are idempotent: a run resumes after the last committed
// batch and backs off if another runner holds the import; an undo skips changes marked undone.
import { z } from 'zod';
import { registerJob } from '../../platform/jobs/registry';
import { runImport } from './runImport';
import { IMPORT_JOB, UNDO_JOB } from './startImport';
import { runUndo } from './undoImport';
import './purgeDryRuns';

const RETRIES = 2;
const data = z.object({
  workspaceId: z.string().uuid(),
  importId: z.string().uuid(),
  userId: z.string().uuid().optional(),
});

registerJob({
  name: IMPORT_JOB,
  options: { expireInSeconds: 4 * 3600, retryLimit: RETRIES, retryDelay: 30, concurrency: 1 },
  async handler(raw, ctx) {
    const { workspaceId, importId } = data.parse(raw);
    return runImport(ctx.store, workspaceId, importId, {
      log: ctx.log,
      retriesLeft: ctx.retryCount < RETRIES,
    });
  },
});

registerJob({
  name: UNDO_JOB,
  options: { expireInSeconds: 3600, retryLimit: RETRIES, retryDelay: 30 },
  async handler(raw, ctx) {
    const { workspaceId, importId, userId } = data.parse(raw);
    if (userId) await runUndo(ctx.store, workspaceId, importId, userId);
    return { importId };
  },
});
