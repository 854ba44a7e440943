// Workflows are created and changed by people with the manageWorkflows capability (admins,
// marketing). A saved workflow acts as the system for its owner (the creator), so tasks and changes
// it makes name that person. Editing bumps the version; runs keep the actions they started with.
import { requireCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { NotFound, PreconditionFailed } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { todayIn } from './durations';
import { presentWorkflow } from './presentWorkflow';
import { nextFireAt } from './schedule';
import type { CheckEnv } from './actionRegistry';
import { checkWorkflow } from './validateWorkflow';
import type { CreateWorkflowInput, Trigger, UpdateWorkflowInput } from './workflowBody';
import './schema';

async function load(ctx: Ctx, id: string) {
  const w = await ctx.db
    .selectFrom('workflows')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .selectAll()
    .executeTakeFirst();
  if (!w) throw new NotFound('No such workflow');
  return w;
}

async function zoneOf(ctx: Ctx) {
  const ws = await ctx.db
    .selectFrom('workspaces')
    .where('id', '=', ctx.workspaceId)
    .select('time_zone')
    .executeTakeFirst();
  return ws?.time_zone ?? 'UTC';
}

function triggerColumns(trigger: Trigger, zone: string, now: Date) {
  return {
    event: trigger.event,
    object: trigger.event === 'stage.changed' ? 'deals' : (trigger.object ?? null),
    next_fire_at: nextFireAt(trigger, now, zone),
    // A new date trigger looks forward from today: dates already passed do not all fire at once.
    scanned_through:
      trigger.event === 'date.reached' ? todayIn(new Date(now.getTime() - 86_400_000), zone) : null,
  };
}

export async function createWorkflow(ctx: Ctx, input: CreateWorkflowInput, env: CheckEnv) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const { actions } = await checkWorkflow(ctx, input.trigger, input.actions, env);
  const now = clock.now();
  const row = await ctx.db
    .insertInto('workflows')
    .values({
      workspace_id: ctx.workspaceId,
      id: newId(),
      name: input.name,
      description: input.description ?? null,
      active: input.active,
      trigger: JSON.stringify(input.trigger),
      actions: JSON.stringify(actions),
      owner_id: ctx.actor.userId,
      version: 1,
      ...triggerColumns(input.trigger, await zoneOf(ctx), now),
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
      archived_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentWorkflow(row);
}

/**
 * Partial update. With `ifMatch` (the If-Match header) a copy edited from an older version is
 * refused with a 412 carrying the current workflow, as approval processes do; without it the
 * change applies to whatever is current.
 */
export async function updateWorkflow(
  ctx: Ctx,
  id: string,
  input: UpdateWorkflowInput,
  env: CheckEnv,
  opts: { ifMatch?: number } = {},
) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const current = await load(ctx, id);
  const stale = () =>
    new PreconditionFailed('The workflow was changed by someone else; reload it and try again', {
      current: presentWorkflow(current),
    });
  if (opts.ifMatch !== undefined && opts.ifMatch !== current.version) throw stale();
  const trigger = (input.trigger ?? current.trigger) as Trigger;
  const rawActions = input.actions ?? (current.actions as Record<string, unknown>[]);
  const { actions } = await checkWorkflow(ctx, trigger, rawActions, env);
  const now = clock.now();
  const triggerChanged = input.trigger !== undefined;
  const reactivated = input.active === true && !current.active;
  const row = await ctx.db
    .updateTable('workflows')
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      trigger: JSON.stringify(trigger),
      actions: JSON.stringify(actions),
      ...(triggerChanged || reactivated ? triggerColumns(trigger, await zoneOf(ctx), now) : {}),
      version: current.version + 1,
      updated_at: now,
    })
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    // Someone saving between the read and this write: the version no longer matches.
    .where('version', '=', current.version)
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    if (opts.ifMatch === undefined) return updateWorkflow(ctx, id, input, env, opts);
    throw new PreconditionFailed('The workflow was changed by someone else; reload it and try again', {
      current: presentWorkflow(await load(ctx, id)),
    });
  }
  return presentWorkflow(row);
}

/** Archived, not deleted: its runs stay readable as the record of what it did. */
export async function deleteWorkflow(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, 'manageWorkflows');
  await load(ctx, id);
  await ctx.db
    .updateTable('workflows')
    .set({ archived_at: clock.now(), active: false, updated_at: clock.now() })
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function getWorkflow(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, 'manageWorkflows');
  return presentWorkflow(await load(ctx, id));
}

export async function listWorkflows(ctx: Ctx) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const rows = await ctx.db
    .selectFrom('workflows')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('archived_at', 'is', null)
    .selectAll()
    .orderBy('name')
    .limit(1000)
    .execute();
  return { data: rows.map(presentWorkflow) };
}

export { load as loadWorkflow };
