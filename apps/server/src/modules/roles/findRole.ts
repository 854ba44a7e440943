import type { Selectable } from 'kysely';
import { rolePermissionsSchema } from '../../platform/access/permissions';
import type { Executor, RolesTable } from '../../platform/db/schema';
import { isUuid } from '../../platform/ids';
import '../users/identityColumns';

export type RoleRow = Selectable<RolesTable>;

/** A role of the workspace by id or by key (`/roles/rep` reads better in scripts than an id). */
export async function findRole(
  db: Executor,
  workspaceId: string,
  idOrKey: string,
): Promise<RoleRow | undefined> {
  return db
    .selectFrom('roles')
    .where('workspace_id', '=', workspaceId)
    .where(isUuid(idOrKey) ? 'id' : 'key', '=', idOrKey)
    .selectAll()
    .executeTakeFirst();
}

export const permissionsOf = (r: RoleRow) => rolePermissionsSchema.parse(r.permissions);
