// The context background work acts in: the system actor (every scope, every field), acting for a
// user when there is one (a workflow's owner, a record's owner) so history and createdBy name them.
import { systemActor } from '../access/actor';
import { builtInRoles } from '../access/permissions';
import type { Ctx } from '../context';
import type { Executor } from '../db/schema';

const adminPermissions = builtInRoles.find((r) => r.key === 'admin')!.permissions;

export function systemCtx(db: Executor, workspaceId: string, userId: string | null = null): Ctx {
  return { db, workspaceId, actor: systemActor(workspaceId, adminPermissions, userId) };
}
