// Background rescans after a rule change: one page of the object's records per round (keyset, by
// the record engine's list), each score recomputed; the cursor is kept, so a restart resumes.
import { sql } from 'kysely';
import type { ProcessDeps } from '../../platform/dispatch/deps';
import { systemCtx } from '../../platform/dispatch/systemCtx';
import { registerWork } from '../../platform/dispatch/work';
import { listRecords } from '../records/read/listRecords';
import { recomputeScore } from './recompute';
import './schema';

const PAGE = 200;

export async function rescanScores(deps: ProcessDeps): Promise<number> {
  return deps.store.db.transaction().execute(async (tx) => {
    const r = await sql<{ workspace_id: string; object: string; after_cursor: string | null }>`
      SELECT workspace_id, object, after_cursor FROM scoring_rescans ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED`.execute(
      tx,
    );
    const job = r.rows[0];
    if (!job) return 0;
    const page = await listRecords(systemCtx(tx, job.workspace_id), job.object, {
      limit: PAGE,
      after: job.after_cursor ?? undefined,
    });
    for (const rec of page.data) await recomputeScore(tx, job.workspace_id, job.object, rec.id);
    if (page.nextCursor) {
      await tx
        .updateTable('scoring_rescans')
        .set({ after_cursor: page.nextCursor })
        .where('workspace_id', '=', job.workspace_id)
        .where('object', '=', job.object)
        .execute();
    } else {
      await tx
        .deleteFrom('scoring_rescans')
        .where('workspace_id', '=', job.workspace_id)
        .where('object', '=', job.object)
        .execute();
    }
    return page.data.length || 1;
  });
}

registerWork({ name: 'scoring.rescan', run: rescanScores });
