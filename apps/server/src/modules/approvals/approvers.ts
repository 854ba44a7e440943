// Who decides a step: the record owner's manager (their manager, else their team's manager), every
// active user with a role, or one named user.
import type { Executor } from '../../platform/db/schema';
import type { ApiRecord } from '../records/meta/types';

export async function resolveApprovers(
  db: Executor,
  workspaceId: string,
  approver: string,
  record: ApiRecord,
): Promise<string[]> {
  if (approver === 'ownerManager') {
    const ownerId = typeof record.ownerId === 'string' ? record.ownerId : null;
    if (!ownerId) return [];
    const owner = await db
      .selectFrom('users as u')
      .leftJoin('teams as t', (j) =>
        j.onRef('t.workspace_id', '=', 'u.workspace_id').onRef('t.id', '=', 'u.team_id'),
      )
      .where('u.workspace_id', '=', workspaceId)
      .where('u.id', '=', ownerId)
      .select(['u.manager_id', 't.manager_id as team_manager_id'])
      .executeTakeFirst();
    const manager =
      owner?.manager_id ?? (owner?.team_manager_id !== ownerId ? owner?.team_manager_id : null) ?? null;
    if (!manager) return [];
    const active = await db
      .selectFrom('users')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', manager)
      .where('active', '=', true)
      .select('id')
      .executeTakeFirst();
    return active ? [active.id] : [];
  }
  if (approver.startsWith('role:')) {
    const rows = await db
      .selectFrom('users as u')
      .innerJoin('roles as r', (j) =>
        j.onRef('r.workspace_id', '=', 'u.workspace_id').onRef('r.id', '=', 'u.role_id'),
      )
      .where('u.workspace_id', '=', workspaceId)
      .where('r.key', '=', approver.slice(5))
      .where('u.active', '=', true)
      .select('u.id')
      .limit(100)
      .execute();
    return rows.map((r) => r.id);
  }
  const id = approver.slice(5).toLowerCase();
  const u = await db
    .selectFrom('users')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('active', '=', true)
    .select('id')
    .executeTakeFirst();
  return u ? [u.id] : [];
}
