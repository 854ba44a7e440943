// deal_stage_history: one row per stay in a stage (entered_at, left_at), so stage durations,
// conversion between stages and "the pipeline as it was on the 1st" are plain queries.
import { sql } from 'kysely';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { newId } from '../../platform/ids';
import type { ApiRecord } from '../records/meta/types';

export async function recordStageMove(ctx: Ctx, deal: ApiRecord, old: ApiRecord | null): Promise<void> {
  const now = clock.now();
  if (old) {
    await sql`UPDATE deal_stage_history SET left_at = ${now}
      WHERE workspace_id = ${ctx.workspaceId} AND deal_id = ${deal.id} AND left_at IS NULL`.execute(ctx.db);
  }
  const amount = deal.amount as { amount: string; currency: string } | null;
  await sql`INSERT INTO deal_stage_history (workspace_id, id, deal_id, pipeline_id, stage_id, entered_at, entered_by, amount, currency)
    VALUES (${ctx.workspaceId}, ${newId()}, ${deal.id}, ${deal.pipelineId as string}, ${deal.stageId as string}, ${now},
      ${ctx.actor.userId}, ${amount?.amount ?? null}, ${amount?.currency ?? null})`.execute(ctx.db);
}

export interface StageStay {
  stageId: string;
  pipelineId: string;
  enteredAt: string;
  leftAt: string | null;
  enteredBy: string | null;
}

export async function stageHistoryOf(ctx: Ctx, dealId: string): Promise<StageStay[]> {
  const res = await sql<{
    stage_id: string;
    pipeline_id: string;
    entered_at: Date;
    left_at: Date | null;
    entered_by: string | null;
  }>`
    SELECT stage_id, pipeline_id, entered_at, left_at, entered_by FROM deal_stage_history
    WHERE workspace_id = ${ctx.workspaceId} AND deal_id = ${dealId} ORDER BY entered_at, id`.execute(ctx.db);
  return res.rows.map((r) => ({
    stageId: r.stage_id,
    pipelineId: r.pipeline_id,
    enteredAt: new Date(r.entered_at).toISOString(),
    leftAt: r.left_at ? new Date(r.left_at).toISOString() : null,
    enteredBy: r.entered_by,
  }));
}
