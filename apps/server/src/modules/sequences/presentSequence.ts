// API shapes of a sequence and of an enrolment (with its next step and when, and the steps done).
import type { Selectable } from 'kysely';
import type { SequenceEnrollmentsTable, SequenceStep, SequenceStepRunsTable, SequencesTable } from './schema';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentSequence(s: Selectable<SequencesTable>) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    active: s.active,
    steps: s.steps,
    stopOn: s.stop_on,
    businessHours: s.business_hours,
    template: s.template_key,
    createdBy: s.created_by,
    createdAt: iso(s.created_at),
    updatedAt: iso(s.updated_at),
  };
}

export function presentEnrollment(
  e: Selectable<SequenceEnrollmentsTable>,
  steps: SequenceStep[],
  done: Selectable<SequenceStepRunsTable>[],
  names: { sequenceName: string | null; recordName: string | null },
) {
  const next = e.status === 'active' || e.status === 'paused' ? steps[e.next_step] : undefined;
  return {
    id: e.id,
    sequenceId: e.sequence_id,
    sequenceName: names.sequenceName,
    object: e.object,
    recordId: e.record_id,
    /** The record's title; null when the caller may not read the record (or it is deleted). */
    recordName: names.recordName,
    status: e.status,
    stopReason: e.stop_reason,
    ownerId: e.owner_id,
    source: e.source,
    nextStep: next ? { index: e.next_step, type: next.type, subject: next.subject, delay: next.delay } : null,
    nextRunAt: next && e.status === 'active' ? iso(e.next_run_at) : null,
    steps: done
      .sort((a, b) => a.step_index - b.step_index)
      .map((d) => ({
        index: d.step_index,
        type: d.type,
        status: d.status,
        result: d.result,
        ranAt: iso(d.ran_at),
      })),
    createdAt: iso(e.created_at),
    pausedAt: iso(e.paused_at),
    completedAt: iso(e.completed_at),
    stoppedAt: iso(e.stopped_at),
  };
}
