// While a record's approval is pending, its locked fields (the process's lockedFields, or every
// field) cannot be edited by people — what is being approved must not change under the approver.
// The approval engine itself (the system actor) still sets the outcome. A commitment's status is
// the approval's to set: nobody marks a promise approved by editing it.
import { sql } from 'kysely';
import { registerWriteGuard } from '../records/write/writeGuards';

const APPROVAL_STATUSES = new Set(['pendingApproval', 'approved', 'rejected']);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

registerWriteGuard('approvals', async (ctx, w) => {
  if (ctx.actor.kind === 'system' || w.op !== 'update' || !w.old) return;
  const changed = [...w.given].filter((f) => !same(w.old![f], w.next[f]));
  if (!changed.length) return;
  if (
    w.meta.name === 'commitments' &&
    changed.includes('status') &&
    APPROVAL_STATUSES.has(String(w.next.status))
  ) {
    w.errors.push({
      field: 'status',
      message: 'Submit the commitment for approval; its approval sets this status',
    });
  }
  const pending = await sql<{ locked_fields: string[] | null }>`
    SELECT locked_fields FROM approval_requests
    WHERE workspace_id = ${ctx.workspaceId} AND object = ${w.meta.name} AND record_id = ${w.id} AND status = 'pending'`.execute(
    ctx.db,
  );
  const req = pending.rows[0];
  if (!req) return;
  for (const f of changed) {
    if (!req.locked_fields || req.locked_fields.includes(f))
      w.errors.push({ field: f, message: 'Locked while its approval is pending' });
  }
});
