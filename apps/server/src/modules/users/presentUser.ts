// What the API shows of a user: the full record to user admins, the directory entry (enough for
// owner pickers and @mentions) to everyone else. Password hashes never leave the database.
import { isoTime, isoTimeOrNull } from './timestamps';
import type { Executor, UsersTable } from '../../platform/db/schema';
import type { Selectable } from 'kysely';
import './identityColumns';

export type UserRow = Selectable<UsersTable> & { role_key: string };

export function presentDirectoryEntry(u: UserRow) {
  return { id: u.id, name: u.name, email: u.email, teamId: u.team_id, active: u.active };
}

export function presentUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role_key,
    teamId: u.team_id,
    unitId: u.unit_id,
    managerId: u.manager_id,
    locale: u.locale,
    timeZone: u.time_zone,
    active: u.active,
    lastSignInAt: isoTimeOrNull(u.last_sign_in_at),
    createdAt: isoTime(u.created_at),
    updatedAt: isoTime(u.updated_at),
  };
}

/** Users joined with their role key; callers add where clauses (always the workspace first). */
export function selectUsers(db: Executor, workspaceId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) =>
      j.onRef('r.workspace_id', '=', 'u.workspace_id').onRef('r.id', '=', 'u.role_id'),
    )
    .where('u.workspace_id', '=', workspaceId)
    .selectAll('u')
    .select('r.key as role_key');
}

export async function findUser(db: Executor, workspaceId: string, id: string): Promise<UserRow | undefined> {
  return selectUsers(db, workspaceId).where('u.id', '=', id).executeTakeFirst();
}
