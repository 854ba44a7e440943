// Enrolling a record in a sequence: one live enrolment per record and sequence (a second request
// returns the first), the first step due after its delay. Used by the API, the enrollInSequence
// workflow action and web forms, inside their transactions. A record whose address unsubscribed is
// not enrolled in a sequence that sends email and stops on unsubscribe: the stop rule would end it
// at the first email anyway, after its tasks had already gone to the rep.
import { clock } from '../../platform/clock';
import type { Executor } from '../../platform/db/schema';
import { NotFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { addDuration } from '../workflows/durations';
import '../../platform/mail/schema';
import type { SequenceStep } from './schema';
import './schema';

export interface EnrollInput {
  workspaceId: string;
  sequenceId: string;
  object: string;
  recordId: string;
  ownerId: string | null;
  enrolledBy: string | null;
  source: 'api' | 'workflow' | 'form';
  /** The record's email address, checked against the workspace's unsubscribes. */
  email?: string | null;
}

export type EnrollResult =
  | { id: string; created: boolean; refused?: undefined }
  | { id: null; created: false; refused: 'unsubscribed' };

export async function enrollRecord(db: Executor, input: EnrollInput): Promise<EnrollResult> {
  const seq = await db
    .selectFrom('sequences')
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.sequenceId)
    .where('archived_at', 'is', null)
    .select(['steps', 'active', 'stop_on'])
    .executeTakeFirst();
  if (!seq) throw new NotFound('No such sequence');
  const steps = seq.steps as SequenceStep[];
  if (
    input.email &&
    (seq.stop_on as string[]).includes('unsubscribed') &&
    steps.some((s) => s.type === 'email') &&
    (await hasUnsubscribed(db, input.workspaceId, input.email))
  )
    return { id: null, created: false, refused: 'unsubscribed' };
  const ws = await db
    .selectFrom('workspaces')
    .where('id', '=', input.workspaceId)
    .select('time_zone')
    .executeTakeFirst();
  const now = clock.now();
  const inserted = await db
    .insertInto('sequence_enrollments')
    .values({
      workspace_id: input.workspaceId,
      id: newId(),
      sequence_id: input.sequenceId,
      object: input.object,
      record_id: input.recordId,
      status: 'active',
      stop_reason: null,
      next_step: 0,
      step_attempts: 0,
      last_error: null,
      next_run_at: addDuration(now, steps[0]!.delay, ws?.time_zone ?? 'UTC'),
      owner_id: input.ownerId,
      enrolled_by: input.enrolledBy,
      source: input.source,
      created_at: now,
      updated_at: now,
      paused_at: null,
      completed_at: null,
      stopped_at: null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const live = await db
    .selectFrom('sequence_enrollments')
    .where('workspace_id', '=', input.workspaceId)
    .where('sequence_id', '=', input.sequenceId)
    .where('object', '=', input.object)
    .where('record_id', '=', input.recordId)
    .where('status', 'in', ['active', 'paused'])
    .select('id')
    .executeTakeFirstOrThrow();
  return { id: live.id, created: false };
}

async function hasUnsubscribed(db: Executor, workspaceId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('email_suppressions')
    .where('workspace_id', '=', workspaceId)
    .where('address', '=', email.trim().toLowerCase())
    .where('reason', '=', 'unsubscribed')
    .select('address')
    .executeTakeFirst();
  return Boolean(row);
}
