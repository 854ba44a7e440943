// API shapes of a subscription (the secret is never shown again after creation, only its end) and
// of one delivery in the log.
import type { Selectable } from 'kysely';
import type { WebhookDeliveriesTable, WebhooksTable } from './schema';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentWebhook(w: Selectable<WebhooksTable>) {
  return {
    id: w.id,
    url: w.url,
    description: w.description,
    events: w.events,
    objects: w.objects,
    active: w.active,
    secretHint: `…${w.secret.slice(-4)}`,
    consecutiveFailures: w.consecutive_failures,
    disabledAt: iso(w.disabled_at),
    disabledReason: w.disabled_reason,
    createdBy: w.created_by,
    createdAt: iso(w.created_at),
    updatedAt: iso(w.updated_at),
  };
}

export function presentDelivery(d: Selectable<WebhookDeliveriesTable>, full: boolean) {
  return {
    id: d.id,
    webhookId: d.webhook_id,
    eventId: d.event_id,
    eventType: d.event_type,
    status: d.status === 'sending' ? 'pending' : d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' || d.status === 'sending' ? iso(d.next_attempt_at) : null,
    responseStatus: d.response_status,
    lastError: d.last_error,
    durationMs: d.duration_ms,
    createdAt: iso(d.created_at),
    completedAt: iso(d.completed_at),
    ...(full ? { body: d.body, responseBody: d.response_body } : {}),
  };
}
