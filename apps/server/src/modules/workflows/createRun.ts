// A run is created once per workflow and trigger occurrence (UNIQUE trigger key: the event id, the
// record and date reached, the schedule tick), so a replayed event or a second scanning worker never
// starts a second run. Skipped runs are recorded too, with the reason, so loop protection is visible.
import { clock } from '../../platform/clock';
import type { Executor } from '../../platform/db/schema';
import { newId } from '../../platform/ids';
import './schema';

export interface RunSpec {
  key: string;
  eventId: string | null;
  eventType: string;
  object: string | null;
  recordId: string | null;
  depth: number;
  data: Record<string, unknown>;
  skipReason?: string;
}

export interface WorkflowForRun {
  workspace_id: string;
  id: string;
  version: number;
  actions: unknown;
}

export async function insertRun(db: Executor, w: WorkflowForRun, spec: RunSpec): Promise<boolean> {
  const now = clock.now();
  const r = await db
    .insertInto('workflow_runs')
    .values({
      workspace_id: w.workspace_id,
      id: newId(),
      workflow_id: w.id,
      workflow_version: w.version,
      trigger_key: spec.key,
      event_id: spec.eventId,
      event_type: spec.eventType,
      object: spec.object,
      record_id: spec.recordId,
      status: spec.skipReason ? 'skipped' : 'pending',
      reason: spec.skipReason ?? null,
      actions: JSON.stringify(w.actions),
      outcomes: JSON.stringify([]),
      current_action: 0,
      attempts: 0,
      next_attempt_at: spec.skipReason ? null : now,
      claimed_until: null,
      depth: spec.depth,
      trigger_data: JSON.stringify(spec.data),
      created_at: now,
      started_at: null,
      finished_at: spec.skipReason ? now : null,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'workflow_id', 'trigger_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return Boolean(r);
}
