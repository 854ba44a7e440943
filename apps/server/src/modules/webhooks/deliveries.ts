// The delivery log of a subscription (newest first, keyset-paged), sending it a test ping, and
// sending one delivery again by hand.
import { requireCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { decodeCursor, pageOf } from '../../platform/dispatch/pages';
import { NotFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { loadWebhook } from './manageWebhooks';
import { presentDelivery } from './presentWebhook';

export async function listDeliveries(
  ctx: Ctx,
  webhookId: string,
  q: { status?: 'pending' | 'succeeded' | 'failed'; limit: number; after?: string },
) {
  requireCapability(ctx.actor, 'manageSettings');
  await loadWebhook(ctx, webhookId);
  let query = ctx.db
    .selectFrom('webhook_deliveries')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('webhook_id', '=', webhookId)
    .selectAll();
  if (q.status)
    query = query.where('status', 'in', q.status === 'pending' ? ['pending', 'sending'] : [q.status]);
  if (q.after) query = query.where('id', '<', decodeCursor(q.after)!);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = pageOf(rows, q.limit);
  return { data: page.data.map((d) => presentDelivery(d, false)), nextCursor: page.nextCursor };
}

export async function getDelivery(ctx: Ctx, webhookId: string, id: string) {
  requireCapability(ctx.actor, 'manageSettings');
  const d = await ctx.db
    .selectFrom('webhook_deliveries')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('webhook_id', '=', webhookId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!d) throw new NotFound('No such delivery');
  return presentDelivery(d, true);
}

export async function pingWebhook(ctx: Ctx, webhookId: string) {
  requireCapability(ctx.actor, 'manageSettings');
  await loadWebhook(ctx, webhookId);
  const now = clock.now();
  const id = newId();
  const body = JSON.stringify({
    id,
    type: 'webhook.ping',
    createdAt: now.toISOString(),
    workspaceId: ctx.workspaceId,
    object: null,
    recordId: null,
    actorId: ctx.actor.userId,
    data: { message: 'A test delivery from Rapport' },
  });
  const row = await ctx.db
    .insertInto('webhook_deliveries')
    .values({
      workspace_id: ctx.workspaceId,
      id,
      webhook_id: webhookId,
      event_id: id,
      event_type: 'webhook.ping',
      body,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      claimed_until: null,
      response_status: null,
      response_body: null,
      last_error: null,
      duration_ms: null,
      created_at: now,
      completed_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentDelivery(row, true);
}

export async function redeliver(ctx: Ctx, webhookId: string, id: string) {
  requireCapability(ctx.actor, 'manageSettings');
  const row = await ctx.db
    .updateTable('webhook_deliveries')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: clock.now(),
      completed_at: null,
      claimed_until: null,
    })
    .where('workspace_id', '=', ctx.workspaceId)
    .where('webhook_id', '=', webhookId)
    .where('id', '=', id)
    .where('status', 'in', ['succeeded', 'failed'])
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    await getDelivery(ctx, webhookId, id); // 404 when it does not exist
    return getDelivery(ctx, webhookId, id); // already waiting: nothing to do
  }
  return presentDelivery(row, true);
}
