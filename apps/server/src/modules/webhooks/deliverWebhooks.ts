// Sends due webhook deliveries: claimed with a lease (SKIP LOCKED, so workers share them), posted
// outside any transaction with a fresh signature, the answer recorded. A 2xx is success; anything
// else is retried with backoff until the attempts run out. A subscription whose deliveries keep
// failing to the end is disabled (and its creator told by email); its waiting deliveries stay
// pending and go out when an admin turns it back on.
import { sql } from 'kysely';
import { clock } from '../../platform/clock';
import type { Db } from '../../platform/db/schema';
import type { ProcessDeps } from '../../platform/dispatch/deps';
import { nextAttemptAt, webhookRetry } from '../../platform/dispatch/backoff';
import { registerWork } from '../../platform/dispatch/work';
import { queueEmail } from '../../platform/mail/queueEmail';
import { signatureHeader } from './signature';
import { postToTarget, targetPolicy } from './urlGuard';
import './schema';

const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;
/** Deliveries in a row that exhausted their retries before the subscription is switched off. */
export const DISABLE_AFTER_FAILED_DELIVERIES = 5;

interface Claimed {
  workspace_id: string;
  id: string;
  webhook_id: string;
  event_type: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

export async function deliverDueWebhooks(deps: ProcessDeps, limit = 20): Promise<number> {
  const db = deps.store.db;
  const now = clock.now();
  const claimed = await sql<Claimed>`
    WITH due AS (
      SELECT d.workspace_id, d.id FROM webhook_deliveries d
      JOIN webhooks w ON w.workspace_id = d.workspace_id AND w.id = d.webhook_id
      WHERE d.status IN ('pending', 'sending') AND d.next_attempt_at <= ${now}
        AND (d.status = 'pending' OR d.claimed_until < ${now})
        AND w.active AND w.disabled_at IS NULL
      ORDER BY d.next_attempt_at
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED)
    UPDATE webhook_deliveries d SET status = 'sending', attempts = d.attempts + 1,
      claimed_until = ${new Date(now.getTime() + LEASE_MS)}
    FROM due, webhooks w
    WHERE d.workspace_id = due.workspace_id AND d.id = due.id
      AND w.workspace_id = d.workspace_id AND w.id = d.webhook_id
    RETURNING d.workspace_id, d.id, d.webhook_id, d.event_type, d.body, d.attempts, w.url, w.secret`.execute(
    db,
  );
  await Promise.all(claimed.rows.map((d) => attempt(deps, db, d)));
  return claimed.rows.length;
}

async function attempt(deps: ProcessDeps, db: Db, d: Claimed): Promise<void> {
  const started = Date.now();
  let status: number | null = null;
  let responseBody: string | null = null;
  let error: string | null = null;
  try {
    const res = await postToTarget(d.url, {
      timeoutMs: TIMEOUT_MS,
      policy: targetPolicy(deps.config),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Rapport-Webhooks/1',
        'x-rapport-delivery': d.id,
        'x-rapport-event': d.event_type,
        'x-rapport-signature': signatureHeader(d.secret, d.body, Math.floor(clock.now().getTime() / 1000)),
      },
      body: d.body,
    });
    status = res.status;
    responseBody = res.body;
    if (status < 200 || status >= 300) error = `The receiver answered ${status}`;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    error =
      e.name === 'TimeoutError'
        ? `No answer within ${TIMEOUT_MS / 1000} s`
        : e.name === 'BlockedTargetError'
          ? e.message
          : `${e.cause?.code ?? (e as NodeJS.ErrnoException).code ?? e.name}: ${e.cause?.message ?? e.message}`;
  }
  const durationMs = Date.now() - started;
  const now = clock.now();
  if (!error) {
    await db
      .updateTable('webhook_deliveries')
      .set({
        status: 'succeeded',
        response_status: status,
        response_body: responseBody,
        last_error: null,
        duration_ms: durationMs,
        claimed_until: null,
        next_attempt_at: null,
        completed_at: now,
      })
      .where('workspace_id', '=', d.workspace_id)
      .where('id', '=', d.id)
      .execute();
    await db
      .updateTable('webhooks')
      .set({ consecutive_failures: 0 })
      .where('workspace_id', '=', d.workspace_id)
      .where('id', '=', d.webhook_id)
      .where('consecutive_failures', '>', 0)
      .execute();
    return;
  }
  const retryAt = nextAttemptAt(webhookRetry, d.attempts, now);
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: retryAt ? 'pending' : 'failed',
      next_attempt_at: retryAt,
      claimed_until: null,
      response_status: status,
      response_body: responseBody,
      last_error: error.slice(0, 1000),
      duration_ms: durationMs,
      completed_at: retryAt ? null : now,
    })
    .where('workspace_id', '=', d.workspace_id)
    .where('id', '=', d.id)
    .execute();
  if (!retryAt) await countFinalFailure(deps, db, d);
}

async function countFinalFailure(deps: ProcessDeps, db: Db, d: Claimed) {
  const w = await db
    .updateTable('webhooks')
    .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1) }))
    .where('workspace_id', '=', d.workspace_id)
    .where('id', '=', d.webhook_id)
    .returning(['consecutive_failures', 'created_by', 'url', 'disabled_at'])
    .executeTakeFirst();
  if (!w || w.consecutive_failures < DISABLE_AFTER_FAILED_DELIVERIES || w.disabled_at) return;
  const reason = `${w.consecutive_failures} deliveries in a row failed after every retry; the last: ${d.url}`;
  await db.transaction().execute(async (tx) => {
    const disabled = await tx
      .updateTable('webhooks')
      .set({ disabled_at: clock.now(), disabled_reason: reason, active: false, updated_at: clock.now() })
      .where('workspace_id', '=', d.workspace_id)
      .where('id', '=', d.webhook_id)
      .where('disabled_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!disabled || !w.created_by) return;
    const owner = await tx
      .selectFrom('users')
      .where('workspace_id', '=', d.workspace_id)
      .where('id', '=', w.created_by)
      .select('email')
      .executeTakeFirst();
    if (!owner) return;
    await queueEmail(tx, deps.mail, {
      workspaceId: d.workspace_id,
      to: [owner.email],
      template: {
        subject: 'Webhook disabled · Webhook 已停用',
        body:
          `The webhook to ${w.url} was switched off: ${reason}.\n` +
          'Fix the receiver, then turn the webhook back on; waiting deliveries will be sent.\n\n' +
          `发往 ${w.url} 的 Webhook 因连续投递失败已停用。修复接收端后重新启用，未送达的投递将重新发送。`,
      },
      source: 'system',
      automated: true,
      idempotencyKey: `webhook-disabled:${d.webhook_id}:${d.id}`,
    });
  });
  deps.log.warn({ webhook: d.webhook_id, reason }, 'webhook disabled');
}

registerWork({ name: 'webhooks.deliver', run: (deps) => deliverDueWebhooks(deps) });
