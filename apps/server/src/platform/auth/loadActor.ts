// Builds the Actor of a user: role permissions, the teams they belong to or manage, and the
// business units at and below their own. One round trip per request.
import { sql } from 'kysely';
import type { Actor, ActorKind } from '../access/actor';
import { rolePermissionsSchema } from '../access/permissions';
import type { Executor } from '../db/schema';

export interface LoadedUser {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  active: boolean;
  locale: string | null;
  roleKey: string;
}

export async function loadActor(
  db: Executor,
  workspaceId: string,
  userId: string,
  kind: ActorKind,
): Promise<{ actor: Actor; user: LoadedUser } | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) =>
      j.onRef('r.workspace_id', '=', 'u.workspace_id').onRef('r.id', '=', 'u.role_id'),
    )
    .innerJoin('workspaces as w', 'w.id', 'u.workspace_id')
    .where('u.workspace_id', '=', workspaceId)
    .where('u.id', '=', userId)
    .select([
      'u.id',
      'u.workspace_id',
      'u.email',
      'u.name',
      'u.active',
      'u.locale',
      'u.team_id',
      'u.unit_id',
      'r.key as role_key',
      'r.permissions',
      'w.locale as workspace_locale',
      sql<
        string[]
      >`array(select t.id from teams t where t.workspace_id = u.workspace_id and t.manager_id = u.id)`.as(
        'managed_team_ids',
      ),
      sql<string[]>`array(
        with recursive tree as (
          select bu.id from business_units bu where bu.workspace_id = u.workspace_id and bu.id = u.unit_id
          union
          select c.id from business_units c join tree on c.parent_id = tree.id where c.workspace_id = u.workspace_id
        ) select id from tree)`.as('unit_ids'),
    ])
    .executeTakeFirst();
  if (!row) return null;
  const teamIds = [...new Set([...(row.team_id ? [row.team_id] : []), ...(row.managed_team_ids ?? [])])];
  const permissions = rolePermissionsSchema.parse(row.permissions);
  const locale = row.locale ?? row.workspace_locale ?? 'en';
  return {
    actor: {
      kind,
      workspaceId: row.workspace_id,
      userId: row.id,
      roleKey: row.role_key,
      permissions,
      teamIds,
      unitIds: row.unit_ids ?? [],
      locale,
    },
    user: {
      id: row.id,
      workspaceId: row.workspace_id,
      email: row.email,
      name: row.name,
      active: row.active,
      locale: row.locale,
      roleKey: row.role_key,
    },
  };
}
