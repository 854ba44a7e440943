// API shapes of a workflow and of one run (what fired, why, what each action did).
import type { Selectable } from 'kysely';
import type { WorkflowRunsTable, WorkflowsTable } from './schema';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentWorkflow(w: Selectable<WorkflowsTable>) {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    active: w.active,
    trigger: w.trigger,
    actions: w.actions,
    ownerId: w.owner_id,
    version: w.version,
    nextFireAt: iso(w.next_fire_at),
    createdBy: w.created_by,
    createdAt: iso(w.created_at),
    updatedAt: iso(w.updated_at),
  };
}

export function presentRun(r: Selectable<WorkflowRunsTable>) {
  const actions = r.actions as { type: string }[];
  const outcomes = r.outcomes;
  return {
    id: r.id,
    workflowId: r.workflow_id,
    workflowVersion: r.workflow_version,
    status: r.status === 'running' ? 'pending' : r.status,
    reason: r.reason,
    trigger: {
      event: r.event_type,
      eventId: r.event_id,
      key: r.trigger_key,
      object: r.object,
      recordId: r.record_id,
      data: r.trigger_data,
    },
    actions: actions.map((a, index) => {
      const o = outcomes.find((x) => x.index === index);
      return {
        index,
        type: a.type,
        status: o?.status ?? (r.status === 'failed' || r.status === 'skipped' ? 'skipped' : 'pending'),
        attempts: o?.attempts ?? 0,
        result: o?.result ?? null,
        error: o?.error ?? null,
        at: o?.at ?? null,
      };
    }),
    depth: r.depth,
    nextAttemptAt: r.status === 'pending' || r.status === 'running' ? iso(r.next_attempt_at) : null,
    createdAt: iso(r.created_at),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}
