import type { Actor } from '../../platform/access/actor';
import type { LoadedUser } from '../../platform/auth/loadActor';
import type { Executor } from '../../platform/db/schema';
import { loadWorkspace, presentWorkspace } from '../workspace/presentWorkspace';

export async function presentMe(
  db: Executor,
  loaded: { actor: Actor; user: LoadedUser },
  csrfToken: string | null,
) {
  const { user, actor } = loaded;
  const [ws, profile] = await Promise.all([
    loadWorkspace(db, actor.workspaceId),
    db
      .selectFrom('users')
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', user.id)
      .select(['time_zone', 'signature', 'team_id', 'unit_id', 'manager_id'])
      .executeTakeFirstOrThrow(),
  ]);
  const workspace = presentWorkspace(ws);
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.roleKey,
      /** The language the UI should use: the user's own, else the workspace's. */
      locale: actor.locale,
      timeZone: profile.time_zone ?? workspace.timeZone,
      signature: profile.signature,
      teamId: profile.team_id,
      unitId: profile.unit_id,
      managerId: profile.manager_id,
      active: user.active,
    },
    workspace,
    permissions: actor.permissions,
    csrfToken,
  };
}
