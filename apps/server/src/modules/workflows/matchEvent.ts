// The workflows' event handler: for an outbox event, the active workflows listening to its type and
// object, their conditions checked on the values the event carries (`when` on the new values,
// `previously` on the old ones: "went from below 20,000 to 20,000 or more" fires once per crossing),
// then a run per match — or a skipped run saying why loop protection held it back.
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/schema';
import { registerEventHandler, type OutboxEvent } from '../../platform/dispatch/handlers';
import { systemCtx } from '../../platform/dispatch/systemCtx';
import { getRecord } from '../records/read/getRecord';
import { loadObject } from '../records/meta/loadObject';
import type { FieldDef, LoadedObject } from '../records/meta/types';
import { matchesFilters } from './conditions';
import { insertRun } from './createRun';
import { causeOf, skipReason } from './loopGuard';
import type { Trigger } from './workflowBody';
import { stageWithMoves } from './validateWorkflow';
import { workspacesWith } from '../../platform/dispatch/activeWorkspaces';
import './schema';

const EVENT_TRIGGERS = new Set([
  'record.created',
  'record.updated',
  'record.deleted',
  'record.restored',
  'stage.changed',
  'lead.converted',
  'email.received',
  'email.unsubscribed',
  'email.bounced',
  'form.submitted',
  'approval.submitted',
  'approval.decided',
  'sequence.completed',
  'workflow.failed',
]);

/** Events that are not about a record's fields: conditions compare the payload's values as text. */
function payloadMeta(trigger: Trigger, base: LoadedObject | null): LoadedObject {
  const byName = new Map<string, FieldDef>();
  const names = [...(trigger.when ?? [])].flatMap((f) => ('or' in f ? f.or.map((g) => g.field) : [f.field]));
  for (const n of names) byName.set(n, { name: n, type: 'text', labels: { en: n } } as unknown as FieldDef);
  return { ...(base ?? ({} as LoadedObject)), name: 'event', byName };
}

async function valuesFor(
  tx: Tx,
  e: OutboxEvent,
): Promise<{ next: Record<string, unknown> | null; old: Record<string, unknown> | null }> {
  const p = e.payload;
  switch (e.type) {
    case 'record.created':
    case 'record.restored':
      return { next: (p.new as Record<string, unknown>) ?? null, old: null };
    case 'record.updated':
      return {
        next: (p.new as Record<string, unknown>) ?? null,
        old: (p.old as Record<string, unknown>) ?? null,
      };
    case 'record.deleted':
      return { next: (p.old as Record<string, unknown>) ?? null, old: null };
    case 'stage.changed': {
      const id = (p.dealId as string) ?? e.recordId;
      const deal = id ? await getRecord(systemCtx(tx, e.workspaceId), 'deals', id).catch(() => null) : null;
      return {
        next: { ...(deal ?? {}), fromStageId: p.fromStageId ?? null, toStageId: p.toStageId ?? null },
        old: null,
      };
    }
    default:
      return { next: p, old: null };
  }
}

export async function matchWorkflows(tx: Tx, e: OutboxEvent): Promise<number> {
  const object = e.type === 'stage.changed' ? 'deals' : e.object;
  const flows = await tx
    .selectFrom('workflows')
    .where('workspace_id', '=', e.workspaceId)
    .where('event', '=', e.type)
    .where('active', '=', true)
    .where('archived_at', 'is', null)
    .where((eb) =>
      object ? eb.or([eb('object', 'is', null), eb('object', '=', object)]) : eb('object', 'is', null),
    )
    .select(['workspace_id', 'id', 'version', 'actions', 'trigger', 'object'])
    .execute();
  if (!flows.length) return 0;
  const { next, old } = await valuesFor(tx, e);
  const cause = causeOf(e.payload);
  const sys = systemCtx(tx, e.workspaceId);
  const metas = new Map<string, LoadedObject>();
  let started = 0;
  for (const w of flows) {
    const trigger = w.trigger as Trigger;
    let meta: LoadedObject | null = null;
    if (w.object) {
      meta = metas.get(w.object) ?? (await loadObject(sys, w.object));
      metas.set(w.object, meta);
    }
    const tc = { userId: e.actorId, timeZone: meta?.workspace.timeZone ?? 'UTC' };
    const isRecordEvent = e.type.startsWith('record.') || e.type === 'stage.changed';
    const condMeta =
      !meta || !isRecordEvent
        ? payloadMeta(trigger, meta)
        : e.type === 'stage.changed'
          ? stageWithMoves(meta)
          : meta;
    if (!matchesFilters(condMeta, next, trigger.when, tc)) continue;
    if (trigger.previously?.length && !matchesFilters(condMeta, old, trigger.previously, tc)) continue;
    const recordId = isRecordEvent ? e.recordId : e.recordId && e.object === w.object ? e.recordId : null;
    const reason = await skipReason(tx, e.workspaceId, w.id, recordId, cause);
    const data: Record<string, unknown> = { changed: e.payload.changed ?? null, actorId: e.actorId };
    if (e.type === 'record.deleted') data.record = e.payload.old;
    if (!isRecordEvent) data.payload = e.payload;
    if (e.type === 'stage.changed')
      Object.assign(data, { fromStageId: e.payload.fromStageId, toStageId: e.payload.toStageId });
    const made = await insertRun(tx, w, {
      key: `event:${e.id}`,
      eventId: e.id,
      eventType: e.type,
      object: recordId ? (object ?? null) : (w.object ?? null),
      recordId,
      depth: cause ? cause.depth + 1 : 0,
      data,
      skipReason: reason ?? undefined,
    });
    if (made && !reason) started++;
  }
  return started;
}

registerEventHandler({
  name: 'workflows',
  accepts: (e) => EVENT_TRIGGERS.has(e.type),
  activeIn: (tx, ids) => workspacesWith(tx, 'workflows', sql`active AND archived_at IS NULL`, ids),
  handle: async (tx, e) => {
    await matchWorkflows(tx, e);
  },
});
