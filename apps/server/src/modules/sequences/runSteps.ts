// Runs the sequence steps whose time has come, one enrolment per transaction: the enrolment row is
// claimed FOR UPDATE SKIP LOCKED (so two workers never take the same one), the step is recorded
// under its UNIQUE (enrolment, step) key, its effect written (an email queued in the outbox, a task
// for the owner) and the enrolment moved to its next step — all committed together. A worker killed
// half-way commits nothing and the step runs once later; a finished step can never run again.
import os from 'node:os';
import { sql } from 'kysely';
import { clock } from '../../platform/clock';
import type { Tx } from '../../platform/db/schema';
import type { ProcessDeps } from '../../platform/dispatch/deps';
import { systemCtx } from '../../platform/dispatch/systemCtx';
import { registerWork } from '../../platform/dispatch/work';
import { emitEvent } from '../../platform/events/outbox';
import { NotFound } from '../../platform/errors';
import { renderTemplate } from '../../platform/mail/mergeFields';
import { queueEmail } from '../../platform/mail/queueEmail';
import type { ApiRecord } from '../records/meta/types';
import { getRecord } from '../records/read/getRecord';
import { createRecord } from '../records/write/createRecord';
import { userIdOf } from '../workflows/actions/assignee';
import { addDuration } from '../workflows/durations';
import { mergeContextFor } from '../workflows/mergeContext';
import { nextBusinessMoment } from './businessHours';
import type { BusinessHours, SequenceStep } from './schema';
import './schema';

const WORKER = `${os.hostname()}:${process.pid}`;
const MAX_STEP_ATTEMPTS = 5;

interface Due {
  workspace_id: string;
  id: string;
  sequence_id: string;
  object: string;
  record_id: string;
  next_step: number;
  owner_id: string | null;
  step_attempts: number;
  steps: SequenceStep[];
  stop_on: string[];
  business_hours: BusinessHours | null;
  time_zone: string;
}

export const isConverted = (object: string, r: ApiRecord) =>
  object === 'leads' && (r.status === 'converted' || Boolean(r.convertedAt));

async function claimOne(tx: Tx, now: Date): Promise<Due | null> {
  const r = await sql<Due>`
    SELECT e.workspace_id, e.id, e.sequence_id, e.object, e.record_id, e.next_step, e.owner_id, e.step_attempts,
      s.steps, s.stop_on, s.business_hours, ws.time_zone
    FROM sequence_enrollments e
    JOIN sequences s ON s.workspace_id = e.workspace_id AND s.id = e.sequence_id
    JOIN workspaces ws ON ws.id = e.workspace_id
    WHERE e.status = 'active' AND e.next_run_at <= ${now} AND s.active
    ORDER BY e.next_run_at
    LIMIT 1
    FOR UPDATE OF e SKIP LOCKED`.execute(tx);
  return r.rows[0] ?? null;
}

async function finish(tx: Tx, e: Due, status: 'completed' | 'stopped', reason: string | null) {
  const now = clock.now();
  await tx
    .updateTable('sequence_enrollments')
    .set({
      status,
      stop_reason: reason,
      next_run_at: null,
      updated_at: now,
      ...(status === 'completed' ? { completed_at: now } : { stopped_at: now }),
    })
    .where('workspace_id', '=', e.workspace_id)
    .where('id', '=', e.id)
    .execute();
  if (status === 'completed') {
    await emitEvent(tx, {
      workspaceId: e.workspace_id,
      type: 'sequence.completed',
      object: e.object,
      recordId: e.record_id,
      payload: { sequenceId: e.sequence_id, enrollmentId: e.id },
    });
  }
}

/** Does the enrolment's next step. Returns false when it only waited (business hours). */
async function runStep(tx: Tx, deps: ProcessDeps, e: Due): Promise<void> {
  const now = clock.now();
  const step = e.steps[e.next_step];
  if (!step) return finish(tx, e, 'completed', null);
  const sys = systemCtx(tx, e.workspace_id, e.owner_id);
  const record = await getRecord(sys, e.object, e.record_id).catch((err) => {
    if (err instanceof NotFound) return null;
    throw err;
  });
  if (!record) return finish(tx, e, 'stopped', 'The record was deleted');
  if (e.stop_on.includes('converted') && isConverted(e.object, record))
    return finish(tx, e, 'stopped', 'converted');

  if (step.type === 'email' && e.business_hours) {
    const at = nextBusinessMoment(now, e.business_hours, e.time_zone);
    if (at.getTime() > now.getTime()) {
      await tx
        .updateTable('sequence_enrollments')
        .set({ next_run_at: at, updated_at: now })
        .where('workspace_id', '=', e.workspace_id)
        .where('id', '=', e.id)
        .execute();
      return;
    }
  }
  // The claim on this step: if it is already recorded, it ran; move on without doing it again.
  const claimed = await tx
    .insertInto('sequence_step_runs')
    .values({
      workspace_id: e.workspace_id,
      enrollment_id: e.id,
      step_index: e.next_step,
      type: step.type,
      status: 'done',
      result: JSON.stringify({}),
      ran_at: now,
      worker: WORKER,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'enrollment_id', 'step_index']).doNothing())
    .returning('step_index')
    .executeTakeFirst();
  if (claimed) {
    const outcome = await doStep(tx, deps, e, step, record);
    await tx
      .updateTable('sequence_step_runs')
      .set({ status: outcome.status, result: JSON.stringify(outcome.result) })
      .where('workspace_id', '=', e.workspace_id)
      .where('enrollment_id', '=', e.id)
      .where('step_index', '=', e.next_step)
      .execute();
    if (outcome.stop) return finish(tx, e, 'stopped', outcome.stop);
  }
  const next = e.next_step + 1;
  if (next >= e.steps.length) return finish(tx, e, 'completed', null);
  await tx
    .updateTable('sequence_enrollments')
    .set({
      next_step: next,
      next_run_at: addDuration(now, e.steps[next]!.delay, e.time_zone),
      step_attempts: 0,
      last_error: null,
      updated_at: now,
    })
    .where('workspace_id', '=', e.workspace_id)
    .where('id', '=', e.id)
    .execute();
}

async function doStep(
  tx: Tx,
  deps: ProcessDeps,
  e: Due,
  step: SequenceStep,
  record: ApiRecord,
): Promise<{ status: 'done' | 'skipped'; result: Record<string, unknown>; stop?: string }> {
  const merge = await mergeContextFor(tx, e.workspace_id, e.object, record);
  const ownerId = e.owner_id ?? (typeof record.ownerId === 'string' ? record.ownerId : null);
  if (step.type === 'email') {
    const to = typeof record.email === 'string' ? record.email : null;
    if (!to) return { status: 'skipped', result: { reason: 'The record has no email address' } };
    const r = await queueEmail(tx, deps.mail, {
      workspaceId: e.workspace_id,
      to: [to],
      template: { subject: step.subject, body: step.body ?? '', format: step.format ?? 'text' },
      context: merge,
      senderUserId: ownerId,
      related: [{ object: e.object, id: e.record_id }],
      source: 'sequence',
      marketing: true,
      idempotencyKey: `seq:${e.id}:${e.next_step}`,
    });
    if (!r.queued) {
      const stop =
        r.reason === 'suppressed' && e.stop_on.includes('unsubscribed') ? 'unsubscribed' : undefined;
      return { status: 'skipped', result: { reason: r.reason, addresses: r.addresses }, stop };
    }
    return { status: 'done', result: { emailId: r.id } };
  }
  const assignee =
    step.assignTo && step.assignTo !== 'owner' && step.assignTo !== 'workflowOwner'
      ? userIdOf(step.assignTo)
      : ownerId;
  const task = await createRecord(systemCtx(tx, e.workspace_id, e.owner_id), 'activities', {
    type: 'task',
    subject: renderTemplate(step.subject, merge, { html: false }).slice(0, 500),
    ...(step.body ? { body: renderTemplate(step.body, merge, { html: false }) } : {}),
    dueAt: clock.now().toISOString(),
    ...(assignee ? { ownerId: assignee } : {}),
    relatedTo: [{ object: e.object, id: e.record_id }],
  });
  return { status: 'done', result: { taskId: task.id, kind: step.type, ownerId: task.ownerId } };
}

export async function runDueSteps(deps: ProcessDeps, limit = 25): Promise<number> {
  const db = deps.store.db;
  let n = 0;
  while (n < limit) {
    const outcome = await db.transaction().execute(async (tx) => {
      const e = await claimOne(tx, clock.now());
      if (!e) return null;
      try {
        await sql`SAVEPOINT sequence_step`.execute(tx);
        await runStep(tx, deps, e);
        return { id: e.id, error: null };
      } catch (err) {
        await sql`ROLLBACK TO SAVEPOINT sequence_step`.execute(tx);
        const message = err instanceof Error ? err.message : String(err);
        await postpone(tx, e, message);
        return { id: e.id, error: message };
      }
    });
    if (!outcome) break;
    if (outcome.error)
      deps.log.warn({ enrollment: outcome.id, error: outcome.error }, 'sequence step failed');
    n++;
  }
  return n;
}

/** A step that failed waits and is tried again; after MAX_STEP_ATTEMPTS the enrolment pauses, saying why. */
async function postpone(tx: Tx, e: Due, message: string) {
  const now = clock.now();
  const attempts = e.step_attempts + 1;
  const give = attempts >= MAX_STEP_ATTEMPTS;
  await tx
    .updateTable('sequence_enrollments')
    .set({
      step_attempts: attempts,
      last_error: `Step ${e.next_step + 1} failed: ${message}`.slice(0, 1000),
      ...(give
        ? {
            status: 'paused',
            paused_at: now,
            stop_reason: `Step ${e.next_step + 1} failed ${attempts} times: ${message}`.slice(0, 1000),
          }
        : { next_run_at: new Date(now.getTime() + 10 * 60_000 * attempts) }),
      updated_at: now,
    })
    .where('workspace_id', '=', e.workspace_id)
    .where('id', '=', e.id)
    .execute();
}

registerWork({ name: 'sequences.steps', run: (deps) => runDueSteps(deps) });
