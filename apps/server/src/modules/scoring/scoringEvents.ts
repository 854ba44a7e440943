// Keeps scores current from the outbox: a change to a scored record recomputes it; a behaviour event
// (form.submitted, email.received) earns each matching behaviour rule's points once per event.
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/schema';
import { clock } from '../../platform/clock';
import { type OutboxEvent, registerEventHandler } from '../../platform/dispatch/handlers';
import { recomputeScore } from './recompute';
import { workspacesWith } from '../../platform/dispatch/activeWorkspaces';
import './schema';

async function scoredObjects(tx: Tx, ws: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('scoring_rules')
    .where('workspace_id', '=', ws)
    .where('active', '=', true)
    .select('object')
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.object));
}

async function handle(tx: Tx, e: OutboxEvent) {
  const objects = await scoredObjects(tx, e.workspaceId);
  if (!objects.size) return;
  if (e.type === 'record.created' || e.type === 'record.updated') {
    if (!e.object || !e.recordId || !objects.has(e.object)) return;
    const changed = e.payload.changed as string[] | undefined;
    if (changed && changed.length === 1 && changed[0] === 'score') return; // our own write
    await recomputeScore(tx, e.workspaceId, e.object, e.recordId);
    return;
  }
  const rules = await tx
    .selectFrom('scoring_rules')
    .where('workspace_id', '=', e.workspaceId)
    .where('active', '=', true)
    .where('event', '=', e.type)
    .select(['id', 'object', 'points'])
    .execute();
  if (!rules.length) return;
  const linked =
    (e.payload.records as { object: string; id: string }[] | undefined) ??
    (e.object && e.recordId ? [{ object: e.object, id: e.recordId }] : []);
  const touched = new Set<string>();
  for (const rule of rules) {
    for (const r of linked.filter((x) => x.object === rule.object)) {
      await tx
        .insertInto('score_events')
        .values({
          workspace_id: e.workspaceId,
          rule_id: rule.id,
          event_id: e.id,
          object: r.object,
          record_id: r.id,
          points: rule.points,
          at: clock.now(),
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      touched.add(`${r.object}:${r.id}`);
    }
  }
  for (const key of touched) {
    const [object, id] = key.split(':') as [string, string];
    await recomputeScore(tx, e.workspaceId, object, id);
  }
}

registerEventHandler({
  name: 'scoring',
  accepts: (e) => ['record.created', 'record.updated', 'form.submitted', 'email.received'].includes(e.type),
  activeIn: (tx, ids) => workspacesWith(tx, 'scoring_rules', sql`active`, ids),
  handle,
});
