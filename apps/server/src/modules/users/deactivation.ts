// Taking access away at once: a deactivated user's sessions and API keys are revoked in the same
// transaction that marks them inactive (the request hook also refuses inactive users, belt and braces).
import { clock } from '../../platform/clock';
import type { Executor } from '../../platform/db/schema';
import { revokeUserSessions } from '../../platform/auth/sessions';

export async function revokeAllAccess(db: Executor, workspaceId: string, userId: string): Promise<void> {
  await revokeUserSessions(db, workspaceId, userId);
  await db
    .updateTable('api_keys')
    .set({ revoked_at: clock.now() })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Active users on the built-in admin role other than `exceptId`: the workspace must keep one.
 * Their rows stay locked until the transaction ends, so two admins removing each other at the same
 * moment cannot both pass the check.
 */
export async function otherActiveAdmins(
  db: Executor,
  workspaceId: string,
  exceptId: string,
): Promise<number> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) =>
      j.onRef('r.workspace_id', '=', 'u.workspace_id').onRef('r.id', '=', 'u.role_id'),
    )
    .where('u.workspace_id', '=', workspaceId)
    .where('r.key', '=', 'admin')
    .where('u.active', '=', true)
    .select('u.id')
    .forUpdate('u')
    .execute();
  return rows.filter((r) => r.id !== exceptId).length;
}
