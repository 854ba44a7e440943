// A workflow's runs, newest first and keyset-paged, optionally by status or record.
import { requireCapability } from '../../platform/access/authorize';
import type { Ctx } from '../../platform/context';
import { decodeCursor, pageOf } from '../../platform/dispatch/pages';
import { NotFound } from '../../platform/errors';
import { presentRun } from './presentWorkflow';
import './schema';

export async function listRuns(
  ctx: Ctx,
  workflowId: string,
  q: {
    status?: 'pending' | 'succeeded' | 'failed' | 'skipped';
    recordId?: string;
    limit: number;
    after?: string;
  },
) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const w = await ctx.db
    .selectFrom('workflows')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', workflowId)
    .select('id')
    .executeTakeFirst();
  if (!w) throw new NotFound('No such workflow');
  let query = ctx.db
    .selectFrom('workflow_runs')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('workflow_id', '=', workflowId)
    .selectAll();
  if (q.status)
    query = query.where('status', 'in', q.status === 'pending' ? ['pending', 'running'] : [q.status]);
  if (q.recordId) query = query.where('record_id', '=', q.recordId);
  if (q.after) query = query.where('id', '<', decodeCursor(q.after)!);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = pageOf(rows, q.limit);
  return { data: page.data.map(presentRun), nextCursor: page.nextCursor };
}

export async function getRun(ctx: Ctx, workflowId: string, runId: string) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const r = await ctx.db
    .selectFrom('workflow_runs')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('workflow_id', '=', workflowId)
    .where('id', '=', runId)
    .selectAll()
    .executeTakeFirst();
  if (!r) throw new NotFound('No such run');
  return presentRun(r);
}
