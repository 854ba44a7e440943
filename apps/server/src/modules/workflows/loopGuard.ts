// Loop protection. Changes a workflow action makes are tagged (causedBy: workflow, run, depth) on
// the outbox events of the action's transaction; the matcher then refuses a workflow triggered by
// its own action, a chain of workflows deeper than MAX_DEPTH, and — the backstop for loops between
// workflows — more than MAX_RUNS_PER_HOUR runs of one workflow on one record within an hour.
import { sql } from 'kysely';
import { clock } from '../../platform/clock';
import type { Executor, Tx } from '../../platform/db/schema';

export const MAX_DEPTH = 5;
export const MAX_RUNS_PER_HOUR = 20;

export interface Cause {
  workflowId: string;
  runId: string;
  depth: number;
}

export function causeOf(payload: Record<string, unknown>): Cause | null {
  const c = payload.causedBy as Cause | undefined;
  return c && typeof c.workflowId === 'string' && typeof c.depth === 'number' ? c : null;
}

/** Tags the events this transaction wrote (and only those: matched on the row's xmin). */
export async function tagCausation(tx: Tx, workspaceId: string, cause: Cause): Promise<void> {
  await sql`
    UPDATE outbox_events SET payload = payload || jsonb_build_object('causedBy', ${JSON.stringify(cause)}::jsonb)
    WHERE workspace_id = ${workspaceId} AND processed_at IS NULL
      AND xmin::text = (txid_current() % 4294967296)::text`.execute(tx);
}

export async function skipReason(
  db: Executor,
  workspaceId: string,
  workflowId: string,
  recordId: string | null,
  cause: Cause | null,
): Promise<string | null> {
  if (cause?.workflowId === workflowId)
    return 'Not run: the change came from this workflow’s own action (loop protection)';
  if (cause && cause.depth + 1 > MAX_DEPTH)
    return `Not run: a chain of ${cause.depth + 1} workflows triggering each other (loop protection)`;
  if (!recordId) return null;
  const since = new Date(clock.now().getTime() - 3600_000);
  const recent = await db
    .selectFrom('workflow_runs')
    .where('workspace_id', '=', workspaceId)
    .where('workflow_id', '=', workflowId)
    .where('record_id', '=', recordId)
    .where('created_at', '>=', since)
    .where('status', '!=', 'skipped')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  if (Number(recent?.n ?? 0) >= MAX_RUNS_PER_HOUR)
    return `Not run: ${MAX_RUNS_PER_HOUR} runs on this record within an hour (loop protection)`;
  return null;
}
