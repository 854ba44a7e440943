// Runs workflow runs whose time has come. A worker claims a batch (lease + SKIP LOCKED), then does
// the actions in order. Each action that only writes rows runs in its own transaction that first
// re-checks, under the run row's lock, that the action is still the next one — so the effect and its
// recorded outcome commit together and two workers never do the same action. A failing action is
// retried with backoff (actionRetry) and then marks the run failed with the error, the remaining
// actions skipped, and a workflow.failed event: never silent.
import { sql } from 'kysely';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import type { Db, Executor } from '../../platform/db/schema';
import { actionRetry, nextAttemptAt } from '../../platform/dispatch/backoff';
import type { ProcessDeps } from '../../platform/dispatch/deps';
import { systemCtx } from '../../platform/dispatch/systemCtx';
import { registerWork } from '../../platform/dispatch/work';
import { emitEvent } from '../../platform/events/outbox';
import { AppError, NotFound } from '../../platform/errors';
import { loadObject } from '../records/meta/loadObject';
import type { ApiRecord, LoadedObject } from '../records/meta/types';
import { getRecord } from '../records/read/getRecord';
import { type ActionRun, actionDef } from './actionRegistry';
import { tagCausation } from './loopGuard';
import type { ActionOutcome } from './schema';
import './schema';
import './actions/createTask';
import './actions/sendEmail';
import './actions/updateField';
import './actions/assignOwner';
import './actions/webhook';

const LEASE_MS = 5 * 60_000;

interface ClaimedRun {
  workspace_id: string;
  id: string;
  workflow_id: string;
  event_type: string;
  object: string | null;
  record_id: string | null;
  actions: Record<string, unknown>[];
  outcomes: ActionOutcome[];
  current_action: number;
  attempts: number;
  depth: number;
  trigger_data: Record<string, unknown>;
}

/** Another worker took the run over (its lease ran out while this one was slow): stop quietly. */
class Superseded extends Error {}

export const isPermanent = (err: unknown) =>
  err instanceof AppError &&
  err.status >= 400 &&
  err.status < 500 &&
  err.status !== 409 &&
  err.status !== 412;

export async function runDueWorkflowRuns(deps: ProcessDeps, limit = 10): Promise<number> {
  const db = deps.store.db;
  const now = clock.now();
  const claimed = await sql<ClaimedRun>`
    UPDATE workflow_runs r SET status = 'running', claimed_until = ${new Date(now.getTime() + LEASE_MS)},
      started_at = coalesce(r.started_at, ${now})
    WHERE (r.workspace_id, r.id) IN (
      SELECT workspace_id, id FROM workflow_runs
      WHERE status IN ('pending', 'running') AND next_attempt_at <= ${now}
        AND (status = 'pending' OR claimed_until < ${now})
      ORDER BY next_attempt_at LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING r.workspace_id, r.id, r.workflow_id, r.event_type, r.object, r.record_id, r.actions, r.outcomes,
      r.current_action, r.attempts, r.depth, r.trigger_data`.execute(db);
  for (const run of claimed.rows) {
    try {
      await executeRun(deps, run);
    } catch (err) {
      if (!(err instanceof Superseded))
        deps.log.error({ err, run: run.id }, 'workflow run failed unexpectedly');
    }
  }
  return claimed.rows.length;
}

async function recordFor(
  sys: Ctx,
  run: ClaimedRun,
): Promise<{ record: ApiRecord | null; meta: LoadedObject | null }> {
  const meta = run.object ? await loadObject(sys, run.object).catch(() => null) : null;
  if (run.event_type === 'record.deleted')
    return { record: (run.trigger_data.record as ApiRecord) ?? null, meta };
  if (!run.object || !run.record_id) return { record: null, meta };
  const record = await getRecord(sys, run.object, run.record_id).catch((err) => {
    if (err instanceof NotFound) return null;
    throw err;
  });
  return { record, meta };
}

const withOutcome = (outcomes: ActionOutcome[], o: ActionOutcome) => [
  ...outcomes.filter((x) => x.index !== o.index),
  o,
];

async function executeRun(deps: ProcessDeps, run: ClaimedRun): Promise<void> {
  const db = deps.store.db;
  const ws = run.workspace_id;
  const wf = await db
    .selectFrom('workflows')
    .where('workspace_id', '=', ws)
    .where('id', '=', run.workflow_id)
    .select(['id', 'name', 'owner_id'])
    .executeTakeFirstOrThrow();
  const workflow = { id: wf.id, name: wf.name, ownerId: wf.owner_id };
  let outcomes = run.outcomes;
  for (let i = run.current_action; i < run.actions.length; i++) {
    const cfg = run.actions[i]!;
    const def = actionDef(String(cfg.type));
    const base = (record: ApiRecord | null, meta: LoadedObject | null): ActionRun => ({
      deps,
      workspaceId: ws,
      workflow,
      run: { id: run.id, depth: run.depth, eventType: run.event_type, index: i },
      object: run.object,
      recordId: run.record_id,
      record,
      meta,
      trigger: run.trigger_data,
    });
    const attempts = (i === run.current_action ? run.attempts : 0) + 1;
    try {
      if (!def) throw new AppError(422, 'Unprocessable Content', `Unknown action ${String(cfg.type)}`);
      let result: Record<string, unknown>;
      if (def.run) {
        result = await db.transaction().execute(async (tx) => {
          await lockAsNext(tx, ws, run.id, i);
          const sys = systemCtx(tx, ws, workflow.ownerId);
          const { record, meta } = await recordFor(sys, run);
          if (def.needsRecord && !record) throw new NotFound('The record no longer exists');
          const r = await def.run!({ ...base(record, meta), tx, sys }, cfg as never);
          await tagCausation(tx, ws, { workflowId: workflow.id, runId: run.id, depth: run.depth });
          outcomes = withOutcome(outcomes, {
            index: i,
            type: def.type,
            status: 'succeeded',
            attempts,
            result: r,
            at: clock.now().toISOString(),
          });
          await saveProgress(tx, ws, run.id, { current_action: i + 1, attempts: 0, outcomes });
          return r;
        });
      } else {
        const { record, meta } = await recordFor(systemCtx(db, ws, workflow.ownerId), run);
        if (def.needsRecord && !record) throw new NotFound('The record no longer exists');
        result = await def.runOutside!(base(record, meta), cfg as never);
        await db.transaction().execute(async (tx) => {
          await lockAsNext(tx, ws, run.id, i);
          outcomes = withOutcome(outcomes, {
            index: i,
            type: def.type,
            status: 'succeeded',
            attempts,
            result,
            at: clock.now().toISOString(),
          });
          await saveProgress(tx, ws, run.id, { current_action: i + 1, attempts: 0, outcomes });
        });
      }
    } catch (err) {
      if (err instanceof Superseded) throw err;
      await recordFailure(deps, db, run, workflow, i, String(cfg.type), attempts, err, outcomes);
      return;
    }
  }
  await db
    .updateTable('workflow_runs')
    .set({ status: 'succeeded', finished_at: clock.now(), claimed_until: null, next_attempt_at: null })
    .where('workspace_id', '=', ws)
    .where('id', '=', run.id)
    .where('status', '=', 'running')
    .execute();
}

async function lockAsNext(tx: Executor, ws: string, runId: string, index: number) {
  const cur = await sql<{ current_action: number; status: string }>`
    SELECT current_action, status FROM workflow_runs WHERE workspace_id = ${ws} AND id = ${runId} FOR UPDATE`.execute(
    tx,
  );
  const row = cur.rows[0];
  if (row?.status !== 'running' || row.current_action !== index) throw new Superseded();
}

async function saveProgress(
  tx: Executor,
  ws: string,
  runId: string,
  p: { current_action: number; attempts: number; outcomes: ActionOutcome[] },
) {
  await tx
    .updateTable('workflow_runs')
    .set({ current_action: p.current_action, attempts: p.attempts, outcomes: JSON.stringify(p.outcomes) })
    .where('workspace_id', '=', ws)
    .where('id', '=', runId)
    .execute();
}

async function recordFailure(
  deps: ProcessDeps,
  db: Db,
  run: ClaimedRun,
  workflow: { id: string; name: string },
  index: number,
  type: string,
  attempts: number,
  err: unknown,
  outcomes: ActionOutcome[],
) {
  const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
  const now = clock.now();
  const retryAt = isPermanent(err) ? null : nextAttemptAt(actionRetry, attempts, now);
  const next = withOutcome(outcomes, {
    index,
    type,
    status: retryAt ? 'pending' : 'failed',
    attempts,
    error: message,
    at: now.toISOString(),
  });
  if (!retryAt) {
    for (let j = index + 1; j < run.actions.length; j++) {
      next.push({
        index: j,
        type: String(run.actions[j]!.type),
        status: 'skipped',
        attempts: 0,
        at: now.toISOString(),
      });
    }
  }
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('workflow_runs')
      .set({
        status: retryAt ? 'pending' : 'failed',
        attempts,
        next_attempt_at: retryAt,
        claimed_until: null,
        outcomes: JSON.stringify(next),
        ...(retryAt ? {} : { finished_at: now, reason: `Action ${index + 1} (${type}) failed: ${message}` }),
      })
      .where('workspace_id', '=', run.workspace_id)
      .where('id', '=', run.id)
      .where('status', '=', 'running')
      .where('current_action', '=', index)
      .returning('id')
      .executeTakeFirst();
    if (r && !retryAt) {
      await emitEvent(tx, {
        workspaceId: run.workspace_id,
        type: 'workflow.failed',
        object: run.object,
        recordId: run.record_id,
        payload: {
          workflowId: workflow.id,
          workflowName: workflow.name,
          runId: run.id,
          action: { index, type },
          error: message,
          causedBy: { workflowId: workflow.id, runId: run.id, depth: run.depth },
        },
      });
    }
  });
  if (!retryAt) deps.log.warn({ run: run.id, workflow: workflow.id, error: message }, 'workflow run failed');
}

registerWork({ name: 'workflows.runs', run: (deps) => runDueWorkflowRuns(deps) });
