// Outbox events become webhook deliveries: one per active subscription that names the event type
// (or '*') and, for record events, the object. The body is fixed here, once, so every retry sends
// the same bytes; the UNIQUE (webhook, event) key makes a replayed event deliver once.
import { sql } from 'kysely';
import { clock } from '../../platform/clock';
import type { Tx } from '../../platform/db/schema';
import { type OutboxEvent, registerEventHandler } from '../../platform/dispatch/handlers';
import { newId } from '../../platform/ids';
import { workspacesWith } from '../../platform/dispatch/activeWorkspaces';
import './schema';

export function webhookBody(e: OutboxEvent): string {
  return JSON.stringify({
    id: e.id,
    type: e.type,
    createdAt: e.createdAt.toISOString(),
    workspaceId: e.workspaceId,
    object: e.object,
    recordId: e.recordId,
    actorId: e.actorId,
    data: e.payload,
  });
}

export async function fanOutToWebhooks(tx: Tx, e: OutboxEvent): Promise<number> {
  const hooks = await tx
    .selectFrom('webhooks')
    .where('workspace_id', '=', e.workspaceId)
    .where('active', '=', true)
    .where(sql<boolean>`(${e.type} = ANY(events) OR '*' = ANY(events))`)
    .select(['id', 'objects'])
    .execute();
  const targets = hooks.filter((h) => !h.objects || !e.object || h.objects.includes(e.object));
  if (!targets.length) return 0;
  const body = webhookBody(e);
  const now = clock.now();
  await tx
    .insertInto('webhook_deliveries')
    .values(
      targets.map((h) => ({
        workspace_id: e.workspaceId,
        id: newId(),
        webhook_id: h.id,
        event_id: e.id,
        event_type: e.type,
        body,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        claimed_until: null,
        response_status: null,
        response_body: null,
        last_error: null,
        duration_ms: null,
        created_at: now,
        completed_at: null,
      })),
    )
    .onConflict((oc) => oc.columns(['workspace_id', 'webhook_id', 'event_id']).doNothing())
    .execute();
  return targets.length;
}

registerEventHandler({
  name: 'webhooks',
  accepts: () => true,
  activeIn: (tx, ids) => workspacesWith(tx, 'webhooks', sql`active`, ids),
  handle: async (tx, e) => {
    await fanOutToWebhooks(tx, e);
  },
});
