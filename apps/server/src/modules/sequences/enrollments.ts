// Enrolments through the API: enrol a record the caller may read, list a sequence's or a record's
// enrolments (each with its next step and when), pause, resume and stop. People who manage
// workflows see every enrolment; others see those they made or own. Each enrolment names its
// sequence and its record (the record's title, when the caller may read it) so lists need no
// look-up per row.
import { hasCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { decodeCursor, pageOf } from '../../platform/dispatch/pages';
import { Conflict, NotFound, Unprocessable } from '../../platform/errors';
import { addId } from '../records/meta/idSets';
import { getRecord } from '../records/read/getRecord';
import { resolveNames } from '../records/read/relatedNames';
import { enrollRecord } from './enroll';
import { loadSequence } from './manageSequences';
import { presentEnrollment } from './presentSequence';
import type { SequenceStep } from './schema';
import './schema';

const seesAll = (ctx: Ctx) => hasCapability(ctx.actor, 'manageWorkflows');

async function present(
  ctx: Ctx,
  rows: { id: string; sequence_id: string; object: string; record_id: string }[],
) {
  if (!rows.length) return [];
  const seqIds = [...new Set(rows.map((r) => r.sequence_id))];
  const wanted = new Map<string, Set<string>>();
  for (const r of rows) addId(wanted, r.object, r.record_id);
  // Record names of the whole page come from one statement (a UNION ALL per object), scoped to
  // what the caller may read: a record they may not see stays unnamed.
  const [seqs, done, names] = await Promise.all([
    ctx.db
      .selectFrom('sequences')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', 'in', seqIds)
      .select(['id', 'name', 'steps'])
      .execute(),
    ctx.db
      .selectFrom('sequence_step_runs')
      .where('workspace_id', '=', ctx.workspaceId)
      .where(
        'enrollment_id',
        'in',
        rows.map((r) => r.id),
      )
      .selectAll()
      .execute(),
    resolveNames(ctx, wanted),
  ]);
  const byId = new Map(seqs.map((s) => [s.id, s]));
  return rows.map((r) => {
    const seq = byId.get(r.sequence_id);
    const name = names.get(r.object)?.get(r.record_id)?.name;
    return presentEnrollment(
      r as never,
      (seq?.steps as SequenceStep[] | undefined) ?? [],
      done.filter((d) => d.enrollment_id === r.id),
      { sequenceName: seq?.name ?? null, recordName: name ?? null },
    );
  });
}

export async function enroll(ctx: Ctx, sequenceId: string, input: { object: string; id: string }) {
  const seq = await loadSequence(ctx, sequenceId);
  if (!seq.active) throw new Unprocessable('This sequence is switched off');
  const record = await getRecord(ctx, input.object, input.id);
  const r = await enrollRecord(ctx.db, {
    workspaceId: ctx.workspaceId,
    sequenceId,
    object: input.object,
    recordId: record.id,
    ownerId: typeof record.ownerId === 'string' ? record.ownerId : ctx.actor.userId,
    enrolledBy: ctx.actor.userId,
    source: 'api',
    email: typeof record.email === 'string' ? record.email : null,
  });
  if (r.refused)
    throw new Unprocessable(`${record.email} has unsubscribed from marketing email`, [
      { field: 'id', message: 'This address has unsubscribed from marketing email' },
    ]);
  if (!r.created)
    throw new Conflict('The record is already in this sequence', undefined, { enrollmentId: r.id });
  return getEnrollment(ctx, sequenceId, r.id);
}

async function loadEnrollment(ctx: Ctx, sequenceId: string, id: string) {
  let q = ctx.db
    .selectFrom('sequence_enrollments')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('sequence_id', '=', sequenceId)
    .where('id', '=', id)
    .selectAll();
  if (!seesAll(ctx)) {
    const me = ctx.actor.userId ?? '';
    q = q.where((eb) => eb.or([eb('owner_id', '=', me), eb('enrolled_by', '=', me)]));
  }
  const e = await q.executeTakeFirst();
  if (!e) throw new NotFound('No such enrolment');
  return e;
}

export async function getEnrollment(ctx: Ctx, sequenceId: string, id: string) {
  const e = await loadEnrollment(ctx, sequenceId, id);
  return (await present(ctx, [e]))[0]!;
}

export async function listEnrollments(
  ctx: Ctx,
  q: {
    sequenceId?: string;
    object?: string;
    recordId?: string;
    status?: string;
    limit: number;
    after?: string;
  },
) {
  let query = ctx.db
    .selectFrom('sequence_enrollments')
    .where('workspace_id', '=', ctx.workspaceId)
    .selectAll();
  if (q.sequenceId) query = query.where('sequence_id', '=', q.sequenceId);
  if (q.object) query = query.where('object', '=', q.object);
  if (q.recordId) query = query.where('record_id', '=', q.recordId);
  if (q.status) query = query.where('status', '=', q.status as never);
  if (!seesAll(ctx)) {
    const me = ctx.actor.userId ?? '';
    query = query.where((eb) => eb.or([eb('owner_id', '=', me), eb('enrolled_by', '=', me)]));
  }
  if (q.after) query = query.where('id', '<', decodeCursor(q.after)!);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = pageOf(rows, q.limit);
  return { data: await present(ctx, page.data), nextCursor: page.nextCursor };
}

export async function setEnrollmentState(
  ctx: Ctx,
  sequenceId: string,
  id: string,
  to: 'pause' | 'resume' | 'stop',
) {
  const e = await loadEnrollment(ctx, sequenceId, id);
  const now = clock.now();
  if (to === 'pause') {
    if (e.status !== 'active')
      throw new Unprocessable(`Only an active enrolment can be paused; this one is ${e.status}`);
    await ctx.db
      .updateTable('sequence_enrollments')
      .set({ status: 'paused', paused_at: now, updated_at: now, stop_reason: 'paused by hand' })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', id)
      .execute();
  } else if (to === 'resume') {
    if (e.status !== 'paused')
      throw new Unprocessable(`Only a paused enrolment can be resumed; this one is ${e.status}`);
    // The step that was due while paused goes now; one not yet due keeps its time.
    const due = e.next_run_at && new Date(e.next_run_at) > now ? new Date(e.next_run_at) : now;
    await ctx.db
      .updateTable('sequence_enrollments')
      .set({ status: 'active', paused_at: null, next_run_at: due, updated_at: now, stop_reason: null })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', id)
      .execute();
  } else {
    if (e.status !== 'active' && e.status !== 'paused')
      throw new Unprocessable(
        `This enrolment has already ${e.status === 'completed' ? 'completed' : 'stopped'}`,
      );
    await ctx.db
      .updateTable('sequence_enrollments')
      .set({ status: 'stopped', stop_reason: 'stopped by hand', stopped_at: now, updated_at: now })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', id)
      .execute();
  }
  return getEnrollment(ctx, sequenceId, id);
}
