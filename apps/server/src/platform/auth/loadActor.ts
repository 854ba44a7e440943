// Builds the Actor of a user: role permissions, the teams they belong to or manage, and the
// business units at and below their own. One round trip; `identity.ts` runs the same columns joined
// to the session or API key, so a request's caller costs a single statement.
import { type RawBuilder, sql } from 'kysely';
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

export interface ActorRow {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  active: boolean;
  locale: string | null;
  team_id: string | null;
  role_key: string;
  permissions: unknown;
  workspace_locale: string | null;
  managed_team_ids: string[] | null;
  unit_ids: string[] | null;
  schema_version: string | number | null;
}

/** The columns of ActorRow over `users u`, `roles r` and `workspaces w`. */
export const actorColumns: RawBuilder<unknown> = sql`u.id, u.workspace_id, u.email, u.name, u.active,
  u.locale, u.team_id, r.key AS role_key, r.permissions, w.locale AS workspace_locale, w.schema_version,
  array(SELECT t.id FROM teams t WHERE t.workspace_id = u.workspace_id AND t.manager_id = u.id) AS managed_team_ids,
  array(
    WITH RECURSIVE tree AS (
      SELECT bu.id FROM business_units bu WHERE bu.workspace_id = u.workspace_id AND bu.id = u.unit_id
      UNION
      SELECT c.id FROM business_units c JOIN tree ON c.parent_id = tree.id WHERE c.workspace_id = u.workspace_id
    ) SELECT id FROM tree) AS unit_ids`;

/** Joins `roles r` and `workspaces w` to `users u`. */
export const actorJoins: RawBuilder<unknown> = sql`JOIN roles r ON r.workspace_id = u.workspace_id AND r.id = u.role_id
  JOIN workspaces w ON w.id = u.workspace_id`;

export function actorFromRow(row: ActorRow, kind: ActorKind): { actor: Actor; user: LoadedUser } {
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
      ...(row.schema_version !== null ? { schemaVersion: String(row.schema_version) } : {}),
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

export async function loadActor(
  db: Executor,
  workspaceId: string,
  userId: string,
  kind: ActorKind,
): Promise<{ actor: Actor; user: LoadedUser } | null> {
  const res = await sql<ActorRow>`SELECT ${actorColumns} FROM users u ${actorJoins}
    WHERE u.workspace_id = ${workspaceId} AND u.id = ${userId}`.execute(db);
  const row = res.rows[0];
  return row ? actorFromRow(row, kind) : null;
}
