// Webhook subscriptions: created and changed by admins (a subscription receives every matching
// record change, whatever the data permissions, so it is an admin's decision). Re-enabling a
// disabled subscription clears its failure count, and its waiting deliveries go out again.
import { requireCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { NotFound, ValidationError } from '../../platform/errors';
import { newId, randomToken } from '../../platform/ids';
import { presentWebhook } from './presentWebhook';
import { type TargetPolicy, targetProblem } from './urlGuard';
import type { CreateWebhookInput, UpdateWebhookInput } from './webhookBody';
import './schema';

async function load(ctx: Ctx, id: string) {
  const w = await ctx.db
    .selectFrom('webhooks')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!w) throw new NotFound('No such webhook');
  return w;
}

async function refuseBlockedTarget(url: string, policy: TargetPolicy) {
  const problem = await targetProblem(url, policy);
  if (problem) throw new ValidationError([{ field: 'url', message: problem }]);
}

export async function createWebhook(ctx: Ctx, input: CreateWebhookInput, policy: TargetPolicy) {
  requireCapability(ctx.actor, 'manageSettings');
  await refuseBlockedTarget(input.url, policy);
  const now = clock.now();
  const secret = input.secret ?? randomToken(24);
  const row = await ctx.db
    .insertInto('webhooks')
    .values({
      workspace_id: ctx.workspaceId,
      id: newId(),
      url: input.url,
      description: input.description ?? null,
      events: [...new Set(input.events)],
      objects: input.objects ? [...new Set(input.objects)] : null,
      secret,
      active: input.active ?? true,
      consecutive_failures: 0,
      disabled_at: null,
      disabled_reason: null,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // The secret is shown once, here, so the receiver can be configured with it.
  return { ...presentWebhook(row), secret };
}

export async function updateWebhook(ctx: Ctx, id: string, input: UpdateWebhookInput, policy: TargetPolicy) {
  requireCapability(ctx.actor, 'manageSettings');
  if (input.url !== undefined) await refuseBlockedTarget(input.url, policy);
  const current = await load(ctx, id);
  const reenabling = input.active === true && (!current.active || current.disabled_at !== null);
  const row = await ctx.db
    .updateTable('webhooks')
    .set({
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.events !== undefined ? { events: [...new Set(input.events)] } : {}),
      ...(input.objects !== undefined ? { objects: [...new Set(input.objects)] } : {}),
      ...(input.secret !== undefined ? { secret: input.secret } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(reenabling ? { consecutive_failures: 0, disabled_at: null, disabled_reason: null } : {}),
      updated_at: clock.now(),
    })
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (reenabling) {
    // Deliveries held back while it was off go out on the next round.
    await ctx.db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: clock.now() })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('webhook_id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }
  return presentWebhook(row);
}

export async function deleteWebhook(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, 'manageSettings');
  await load(ctx, id);
  await ctx.db
    .deleteFrom('webhooks')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function getWebhook(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, 'manageSettings');
  return presentWebhook(await load(ctx, id));
}

export async function listWebhooks(ctx: Ctx) {
  requireCapability(ctx.actor, 'manageSettings');
  const rows = await ctx.db
    .selectFrom('webhooks')
    .where('workspace_id', '=', ctx.workspaceId)
    .selectAll()
    .orderBy('created_at')
    .limit(500)
    .execute();
  return { data: rows.map(presentWebhook) };
}

export { load as loadWebhook };
