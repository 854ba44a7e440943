// Submitting a record for approval and deciding it. A submission snapshots the record, names the
// first step's approvers (and mails them), and locks the process's fields until the end; each
// approval moves to the next step, the last one approves the request, any rejection ends it. Every
// step is kept with who decided, when and why, and shows on the record's timeline. A commitment
// carries the outcome in its status (pendingApproval → approved | rejected), the one record sales,
// support and finance all see.
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/schema';
import type { MailSettings } from '../../platform/mail/settings';
import { systemCtx } from '../../platform/dispatch/systemCtx';
import { emitEvent } from '../../platform/events/outbox';
import { Conflict, Forbidden, NotFound, Unprocessable } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { queueEmail } from '../../platform/mail/queueEmail';
import { loadObject } from '../records/meta/loadObject';
import type { ApiRecord } from '../records/meta/types';
import { getRecord } from '../records/read/getRecord';
import { updateRecord } from '../records/write/updateRecord';
import { matchesFilters } from '../workflows/conditions';
import { resolveApprovers } from './approvers';
import type { ApprovalStep } from './schema';
import './schema';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const COMMITMENT_STATUS = { pending: 'pendingApproval', approved: 'approved', rejected: 'rejected' } as const;

async function setCommitmentStatus(
  db: Executor,
  ws: string,
  object: string,
  id: string,
  status: keyof typeof COMMITMENT_STATUS,
) {
  if (object !== 'commitments') return;
  await updateRecord(systemCtx(db, ws), 'commitments', id, { status: COMMITMENT_STATUS[status] });
}

async function notifyApprovers(
  db: Executor,
  mail: MailSettings,
  ws: string,
  requestId: string,
  step: number,
  approverIds: string[],
  what: { object: string; title: string; submitter: string | null },
) {
  if (!approverIds.length) return;
  const users = await db
    .selectFrom('users')
    .where('workspace_id', '=', ws)
    .where('id', 'in', approverIds)
    .select('email')
    .execute();
  const link = `${mail.publicUrl}/approvals/${requestId}`;
  await queueEmail(db, mail, {
    workspaceId: ws,
    to: users.map((u) => u.email),
    template: {
      subject: `Approval needed · 待审批: ${what.title}`.slice(0, 300),
      body:
        `${what.submitter ?? 'Someone'} asks for your approval of ${what.object} "${what.title}".\n` +
        `Approve or reject it here: ${link}\n\n${what.submitter ?? '有人'}提交了「${what.title}」的审批，请在此处理：${link}`,
    },
    source: 'approval',
    automated: true,
    idempotencyKey: `approval:${requestId}:${step}`,
  });
}

function titleOf(record: ApiRecord) {
  return String(record.name ?? record.description ?? record.subject ?? record.id).slice(0, 200);
}

export async function submitForApproval(
  ctx: Ctx,
  mail: MailSettings,
  object: string,
  recordId: string,
  input: { processId?: string; comment?: string },
) {
  return ctx.db.transaction().execute(async (tx) => {
    const record = await getRecord({ ...ctx, db: tx }, object, recordId);
    const meta = await loadObject({ ...ctx, db: tx }, object);
    let q = tx
      .selectFrom('approval_processes')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('object', '=', meta.name)
      .where('active', '=', true)
      .where('archived_at', 'is', null)
      .selectAll();
    if (input.processId) q = q.where('id', '=', input.processId);
    const processes = await q.orderBy('created_at').execute();
    if (input.processId && !processes.length) throw new NotFound('No such approval process for this object');
    const tc = { userId: ctx.actor.userId, timeZone: meta.workspace.timeZone };
    const process = processes.find((p) => matchesFilters(meta, record, p.entry_criteria as never, tc));
    if (!process) {
      throw new Unprocessable(
        processes.length
          ? 'The record does not meet the entry criteria of the approval process'
          : `No approval process is set up for ${meta.name}`,
      );
    }
    const steps = process.steps as ApprovalStep[];
    const approvers = await resolveApprovers(tx, ctx.workspaceId, steps[0]!.approver, record);
    if (!approvers.length)
      throw new Unprocessable(
        `Nobody can approve step 1 (${steps[0]!.approver}): set a manager or assign the role`,
      );
    const now = clock.now();
    const id = newId();
    const inserted = await tx
      .insertInto('approval_requests')
      .values({
        workspace_id: ctx.workspaceId,
        id,
        process_id: process.id,
        object: meta.name,
        record_id: record.id,
        status: 'pending',
        current_step: 0,
        submitted_by: ctx.actor.userId,
        comment: input.comment ?? null,
        snapshot: JSON.stringify(record),
        locked_fields: process.locked_fields,
        created_at: now,
        decided_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new Conflict('This record already has an approval pending');
    await tx
      .insertInto('approval_decisions')
      .values({
        workspace_id: ctx.workspaceId,
        id: newId(),
        request_id: id,
        step_index: 0,
        approver_ids: approvers,
        decision: null,
        comment: null,
        decided_by: null,
        decided_at: null,
        created_at: now,
      })
      .execute();
    await setCommitmentStatus(tx, ctx.workspaceId, meta.name, record.id, 'pending');
    await emitEvent(tx, {
      workspaceId: ctx.workspaceId,
      type: 'approval.submitted',
      object: meta.name,
      recordId: record.id,
      actorId: ctx.actor.userId,
      payload: {
        requestId: id,
        processId: process.id,
        comment: input.comment ?? null,
        approverIds: approvers,
      },
    });
    const submitter = await tx
      .selectFrom('users')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', ctx.actor.userId ?? '')
      .select('name')
      .executeTakeFirst();
    await notifyApprovers(tx, mail, ctx.workspaceId, id, 0, approvers, {
      object: meta.labels.en.toLowerCase(),
      title: titleOf(record),
      submitter: submitter?.name ?? null,
    });
    return getRequest({ ...ctx, db: tx }, id, { skipAccess: true });
  });
}

export async function decide(
  ctx: Ctx,
  mail: MailSettings,
  requestId: string,
  decision: 'approved' | 'rejected',
  comment?: string,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const req = await tx
      .selectFrom('approval_requests')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', requestId)
      .selectAll()
      .forUpdate()
      .executeTakeFirst();
    if (!req) throw new NotFound('No such approval');
    const open = await tx
      .selectFrom('approval_decisions')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('request_id', '=', requestId)
      .where('step_index', '=', req.current_step)
      .selectAll()
      .executeTakeFirst();
    const mine = Boolean(ctx.actor.userId && open?.approver_ids.includes(ctx.actor.userId));
    if (req.status !== 'pending') {
      if (!mine && !(await canSee({ ...ctx, db: tx }, req))) throw new NotFound('No such approval');
      throw new Unprocessable(`This approval is already ${req.status}`);
    }
    if (!mine) {
      if (!(await canSee({ ...ctx, db: tx }, req))) throw new NotFound('No such approval');
      throw new Forbidden('You are not an approver of this step');
    }
    const now = clock.now();
    await tx
      .updateTable('approval_decisions')
      .set({ decision, comment: comment ?? null, decided_by: ctx.actor.userId, decided_at: now })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', open!.id)
      .execute();
    const process = await tx
      .selectFrom('approval_processes')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', req.process_id)
      .select('steps')
      .executeTakeFirstOrThrow();
    const steps = process.steps as ApprovalStep[];
    const next = req.current_step + 1;
    const final: 'approved' | 'rejected' | null =
      decision === 'rejected' ? 'rejected' : next >= steps.length ? 'approved' : null;
    if (!final) {
      const record = await getRecord(systemCtx(tx, ctx.workspaceId), req.object, req.record_id);
      const approvers = await resolveApprovers(tx, ctx.workspaceId, steps[next]!.approver, record);
      if (!approvers.length)
        throw new Unprocessable(`Nobody can approve step ${next + 1} (${steps[next]!.approver})`);
      await tx
        .insertInto('approval_decisions')
        .values({
          workspace_id: ctx.workspaceId,
          id: newId(),
          request_id: requestId,
          step_index: next,
          approver_ids: approvers,
          decision: null,
          comment: null,
          decided_by: null,
          decided_at: null,
          created_at: now,
        })
        .execute();
      await tx
        .updateTable('approval_requests')
        .set({ current_step: next })
        .where('workspace_id', '=', ctx.workspaceId)
        .where('id', '=', requestId)
        .execute();
      await notifyApprovers(tx, mail, ctx.workspaceId, requestId, next, approvers, {
        object: req.object,
        title: titleOf(record),
        submitter: null,
      });
    } else {
      await tx
        .updateTable('approval_requests')
        .set({ status: final, decided_at: now })
        .where('workspace_id', '=', ctx.workspaceId)
        .where('id', '=', requestId)
        .execute();
      await setCommitmentStatus(tx, ctx.workspaceId, req.object, req.record_id, final);
    }
    await emitEvent(tx, {
      workspaceId: ctx.workspaceId,
      type: 'approval.decided',
      object: req.object,
      recordId: req.record_id,
      actorId: ctx.actor.userId,
      payload: {
        requestId,
        step: req.current_step,
        decision,
        comment: comment ?? null,
        outcome: final ?? 'pending',
      },
    });
    return getRequest({ ...ctx, db: tx }, requestId, { skipAccess: true });
  });
}

/** A request is visible to its approvers, its submitter, and whoever may read the record. */
async function canSee(
  ctx: Ctx,
  req: { object: string; record_id: string; submitted_by: string | null; id: string },
) {
  if (req.submitted_by && req.submitted_by === ctx.actor.userId) return true;
  const approver = await ctx.db
    .selectFrom('approval_decisions')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('request_id', '=', req.id)
    .where((eb) =>
      eb(eb.val(ctx.actor.userId ?? '00000000-0000-0000-0000-000000000000'), '=', eb.fn.any('approver_ids')),
    )
    .select('id')
    .executeTakeFirst();
  if (approver) return true;
  return getRecord(ctx, req.object, req.record_id).then(
    () => true,
    () => false,
  );
}

export async function getRequest(ctx: Ctx, id: string, opts: { skipAccess?: boolean } = {}) {
  const req = await ctx.db
    .selectFrom('approval_requests')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!req || (!opts.skipAccess && !(await canSee(ctx, req)))) throw new NotFound('No such approval');
  return (await present(ctx.db, ctx.workspaceId, [req]))[0]!;
}

async function present(
  db: Executor,
  ws: string,
  reqs: {
    id: string;
    process_id: string;
    object: string;
    record_id: string;
    status: string;
    current_step: number;
    submitted_by: string | null;
    comment: string | null;
    snapshot: unknown;
    locked_fields: string[] | null;
    created_at: Date | string;
    decided_at: Date | string | null;
  }[],
) {
  if (!reqs.length) return [];
  const ids = reqs.map((r) => r.id);
  const [decisions, processes] = await Promise.all([
    db
      .selectFrom('approval_decisions')
      .where('workspace_id', '=', ws)
      .where('request_id', 'in', ids)
      .selectAll()
      .orderBy('step_index')
      .execute(),
    db
      .selectFrom('approval_processes')
      .where('workspace_id', '=', ws)
      .where('id', 'in', [...new Set(reqs.map((r) => r.process_id))])
      .select(['id', 'name', 'steps'])
      .execute(),
  ]);
  return reqs.map((r) => {
    const p = processes.find((x) => x.id === r.process_id);
    const steps = (p?.steps as ApprovalStep[]) ?? [];
    return {
      id: r.id,
      process: { id: r.process_id, name: p?.name ?? null },
      object: r.object,
      recordId: r.record_id,
      status: r.status,
      currentStep: r.status === 'pending' ? r.current_step : null,
      submittedBy: r.submitted_by,
      comment: r.comment,
      submitted: r.snapshot,
      /** The fields that cannot change while pending (null: every field), as the lock guard reads them. */
      lockedFields: r.locked_fields,
      steps: steps.map((s, index) => {
        const d = decisions.find((x) => x.request_id === r.id && x.step_index === index);
        return {
          index,
          approver: s.approver,
          approverIds: d?.approver_ids ?? [],
          decision: d?.decision ?? null,
          comment: d?.comment ?? null,
          decidedBy: d?.decided_by ?? null,
          decidedAt: iso(d?.decided_at ?? null),
        };
      }),
      createdAt: iso(r.created_at),
      decidedAt: iso(r.decided_at),
    };
  });
}

/** GET /approvals?mine=pending: the caller's inbox; otherwise what the caller submitted. */
export async function listApprovals(ctx: Ctx, q: { mine?: 'pending' | 'submitted'; limit: number }) {
  const me = ctx.actor.userId ?? '00000000-0000-0000-0000-000000000000';
  let query = ctx.db
    .selectFrom('approval_requests as r')
    .where('r.workspace_id', '=', ctx.workspaceId)
    .selectAll('r');
  if (q.mine === 'submitted') query = query.where('r.submitted_by', '=', me);
  else {
    query = query.where('r.status', '=', 'pending').where((eb) =>
      eb.exists(
        eb
          .selectFrom('approval_decisions as d')
          .select('d.id')
          .whereRef('d.workspace_id', '=', 'r.workspace_id')
          .whereRef('d.request_id', '=', 'r.id')
          .whereRef('d.step_index', '=', 'r.current_step')
          .where('d.decision', 'is', null)
          .where((e2) => e2(e2.val(me), '=', e2.fn.any('d.approver_ids'))),
      ),
    );
  }
  const rows = await query.orderBy('r.created_at', 'desc').limit(q.limit).execute();
  return { data: await present(ctx.db, ctx.workspaceId, rows) };
}

/** A record's approval history (the commitment page shows it to sales, support and finance alike). */
export async function approvalsOfRecord(ctx: Ctx, object: string, id: string) {
  const record = await getRecord(ctx, object, id);
  const rows = await ctx.db
    .selectFrom('approval_requests')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('object', '=', object)
    .where('record_id', '=', record.id)
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return { data: await present(ctx.db, ctx.workspaceId, rows) };
}
