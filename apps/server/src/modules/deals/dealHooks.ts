// Deals: the stage decides the status (open/won/lost), the default probability and the close
// time; a stage must belong to the deal's pipeline. Every stage move is kept in
// deal_stage_history (entered/left) and announced as `stage.changed`.
import { clock } from '../../platform/clock';
import { emitEvent } from '../../platform/events/outbox';
import { rebuildLinksOfRecord } from '../activities/activityLinks';
import { refreshActivityRollups } from '../activities/activityRollups';
import { defaultPipelineId, firstOpenStage, stageById } from '../pipelines/pipelineQueries';
import { companyOf, writeHistory } from '../records/history/writeHistory';
import type { ObjectHooks } from '../records/meta/types';
import { refreshDealRollups } from './dealRollups';
import { recordStageMove } from './stageHistory';

export const dealHooks: ObjectHooks = {
  async prepare(ctx, w) {
    const n = w.next;
    const pipelineGiven = w.given.has('pipelineId');
    const stageGiven = w.given.has('stageId');
    if (w.op === 'update' && !pipelineGiven && !stageGiven) return;
    let stage =
      typeof n.stageId === 'string' && stageGiven
        ? await stageById(ctx.db, ctx.workspaceId, n.stageId)
        : undefined;
    if (stageGiven && n.stageId && (!stage || stage.archived_at)) {
      w.errors.push({ field: 'stageId', message: `No stage with id ${n.stageId}` });
      // Only the stage is wrong: do not also report the pipeline it would have implied as missing.
      if (!n.pipelineId) n.pipelineId = await defaultPipelineId(ctx.db, ctx.workspaceId);
      return;
    }
    if (stage && !pipelineGiven) n.pipelineId = stage.pipeline_id;
    if (!n.pipelineId) n.pipelineId = await defaultPipelineId(ctx.db, ctx.workspaceId);
    if (stage && stage.pipeline_id !== n.pipelineId) {
      w.errors.push({ field: 'stageId', message: 'This stage belongs to another pipeline' });
      return;
    }
    if (!stage) {
      if (w.op === 'update' && n.pipelineId === w.old?.pipelineId) return;
      stage = await firstOpenStage(ctx.db, ctx.workspaceId, n.pipelineId as string);
      if (!stage) {
        w.errors.push({ field: 'pipelineId', message: 'This pipeline has no stages' });
        return;
      }
      n.stageId = stage.id;
    }
    if (w.op === 'update' && n.stageId === w.old?.stageId) return;
    n.status = stage.kind;
    if (!w.given.has('probability')) n.probability = stage.probability;
    n.stageEnteredAt = clock.now().toISOString();
    n.closedAt = stage.kind === 'open' ? null : clock.now().toISOString();
  },

  async afterWrite(ctx, r) {
    const deal = r.new ?? r.old!;
    if (r.op === 'create' || (r.op === 'update' && r.changed.includes('stageId'))) {
      await recordStageMove(ctx, deal, r.old);
      // Updates already wrote the stageId change; a new deal's first stage is recorded here so
      // the timeline shows where it started.
      if (r.op === 'create')
        await writeHistory(ctx, r.meta, deal.id, companyOf(r.meta, deal), [
          { kind: 'created', field: 'stageId', old: null, new: deal.stageId },
        ]);
      await emitEvent(ctx.db, {
        workspaceId: ctx.workspaceId,
        type: 'stage.changed',
        object: 'deals',
        recordId: deal.id,
        actorId: ctx.actor.userId,
        payload: {
          dealId: deal.id,
          fromStageId: r.old?.stageId ?? null,
          toStageId: deal.stageId,
          fromPipelineId: r.old?.pipelineId ?? null,
          pipelineId: deal.pipelineId,
        },
      });
    }
    if (r.op === 'update' && r.changed.includes('companyId')) {
      await rebuildLinksOfRecord(ctx.db, ctx.workspaceId, 'deals', r.id);
      const companies = [r.old?.companyId, r.new?.companyId].filter(
        (c): c is string => typeof c === 'string',
      );
      await refreshActivityRollups(
        ctx.db,
        ctx.workspaceId,
        companies.map((id) => ({ object: 'companies', id })),
      );
    }
    const affecting = ['amount', 'status', 'companyId', 'contactIds', 'stageId'];
    if (r.op === 'update' && !r.changed.some((c) => affecting.includes(c))) return;
    const ids = (v: unknown) => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : []);
    await refreshDealRollups(
      ctx.db,
      ctx.workspaceId,
      [...ids(r.old?.companyId), ...ids(r.new?.companyId)],
      [...ids(r.old?.contactIds), ...ids(r.new?.contactIds)],
    );
  },
};
