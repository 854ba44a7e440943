// When an enrolment stops by itself: a reply from the record (never an automatic reply or a bounce:
// those do not become email.received), the lead's conversion, an unsubscribe from its address, or
// the record's deletion. A hard bounce pauses it instead: someone should fix the address.
import { sql } from 'kysely';
import { clock } from '../../platform/clock';
import type { Tx } from '../../platform/db/schema';
import { type OutboxEvent, registerEventHandler } from '../../platform/dispatch/handlers';
import './schema';

type Target = { object: string; id: string };

async function stopFor(
  tx: Tx,
  ws: string,
  targets: Target[],
  reason: 'reply' | 'converted' | 'unsubscribed' | 'deleted',
) {
  if (!targets.length) return;
  const now = clock.now();
  const pairs = sql.join(targets.map((t) => sql`(${t.object}, ${t.id}::uuid)`));
  const needs = reason === 'deleted' ? sql`true` : sql`${reason} = ANY(s.stop_on)`;
  await sql`
    UPDATE sequence_enrollments e SET status = 'stopped', stop_reason = ${reason === 'deleted' ? 'The record was deleted' : reason},
      stopped_at = ${now}, updated_at = ${now}, next_run_at = NULL
    FROM sequences s
    WHERE e.workspace_id = ${ws} AND s.workspace_id = e.workspace_id AND s.id = e.sequence_id
      AND e.status IN ('active', 'paused') AND (e.object, e.record_id) IN (${pairs}) AND ${needs}`.execute(
    tx,
  );
}

/** Contacts and leads that have this address (any of a contact's addresses). */
async function recordsWithAddress(tx: Tx, ws: string, address: string): Promise<Target[]> {
  const r = await sql<Target>`
    SELECT 'contacts' AS object, id FROM contacts
    WHERE workspace_id = ${ws} AND deleted_at IS NULL AND email_keys && ARRAY[${address}]::text[]
    UNION ALL
    SELECT 'leads', id FROM leads WHERE workspace_id = ${ws} AND deleted_at IS NULL AND lower(email) = ${address}
    LIMIT 100`.execute(tx);
  return r.rows;
}

async function handle(tx: Tx, e: OutboxEvent) {
  const p = e.payload;
  switch (e.type) {
    case 'email.received': {
      const records = ((p.records as (Target & { role: string })[]) ?? []).filter(
        (r) => r.role === 'from' || r.role === 'related',
      );
      return stopFor(tx, e.workspaceId, records, 'reply');
    }
    case 'lead.converted':
      return stopFor(
        tx,
        e.workspaceId,
        [{ object: 'leads', id: (p.leadId as string) ?? e.recordId! }],
        'converted',
      );
    case 'record.updated': {
      const n = p.new as Record<string, unknown> | undefined;
      if (e.object === 'leads' && e.recordId && n?.status === 'converted')
        return stopFor(tx, e.workspaceId, [{ object: 'leads', id: e.recordId }], 'converted');
      return;
    }
    case 'record.deleted':
      if (e.object && e.recordId)
        return stopFor(tx, e.workspaceId, [{ object: e.object, id: e.recordId }], 'deleted');
      return;
    case 'email.unsubscribed':
      return stopFor(
        tx,
        e.workspaceId,
        await recordsWithAddress(tx, e.workspaceId, String(p.address)),
        'unsubscribed',
      );
    case 'email.bounced': {
      const targets = await recordsWithAddress(tx, e.workspaceId, String(p.address));
      if (!targets.length) return;
      const now = clock.now();
      await sql`
        UPDATE sequence_enrollments SET status = 'paused', paused_at = ${now}, updated_at = ${now},
          stop_reason = ${`Mail to ${String(p.address)} bounced; fix the address and resume`}
        WHERE workspace_id = ${e.workspaceId} AND status = 'active'
          AND (object, record_id) IN (${sql.join(targets.map((t) => sql`(${t.object}, ${t.id}::uuid)`))})`.execute(
        tx,
      );
      return;
    }
  }
}

const HANDLED = new Set([
  'email.received',
  'lead.converted',
  'record.updated',
  'record.deleted',
  'email.unsubscribed',
  'email.bounced',
]);

registerEventHandler({
  name: 'sequences',
  accepts: (e) => HANDLED.has(e.type) && (e.type !== 'record.updated' || e.object === 'leads'),
  handle,
});
