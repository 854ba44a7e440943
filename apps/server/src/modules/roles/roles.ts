// Roles: the built-in ones of API.md and the ones admins add. Built-in roles can be edited (except
// admin, which must always be able to do everything) but never deleted; a role in use stays.
import { isoTime, stamp } from '../users/timestamps';
import type { Selectable } from 'kysely';
import { writeAudit } from '../../platform/audit/writeAudit';
import type { Ctx } from '../../platform/context';
import type { RolesTable } from '../../platform/db/schema';
import { Conflict, NotFound, Unprocessable } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { isUniqueViolation } from '../users/uniqueEmail';
import { assertCovers } from '../users/userRefs';
import { findRole, permissionsOf } from './findRole';
import { roleLabel } from './roleLabels';
import type { CreateRoleInput, UpdateRoleInput } from './schemas';

type RoleRow = Selectable<RolesTable> & { user_count?: number | string };

export function presentRole(r: RoleRow, withPermissions: boolean) {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    label: roleLabel(r.key, r.name, r.label),
    builtIn: r.built_in,
    ...(withPermissions ? { permissions: permissionsOf(r) } : {}),
    ...(r.user_count !== undefined ? { userCount: Number(r.user_count) } : {}),
    createdAt: isoTime(r.created_at),
    updatedAt: isoTime(r.updated_at),
  };
}

/** A workspace has a handful of roles: one page, built-in first, then by name. */
export async function listRoles(ctx: Ctx) {
  return ctx.db
    .selectFrom('roles as r')
    .where('r.workspace_id', '=', ctx.workspaceId)
    .selectAll('r')
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .whereRef('u.workspace_id', '=', 'r.workspace_id')
        .whereRef('u.role_id', '=', 'r.id')
        .select(eb.fn.countAll().as('n'))
        .as('user_count'),
    )
    .orderBy('r.built_in', 'desc')
    .orderBy('r.name')
    .orderBy('r.id')
    .execute() as Promise<RoleRow[]>;
}

export async function getRole(ctx: Ctx, idOrKey: string) {
  const role = await findRole(ctx.db, ctx.workspaceId, idOrKey);
  if (!role) throw new NotFound('No role with this id or key');
  return role;
}

export async function createRole(ctx: Ctx, input: CreateRoleInput) {
  const draft = { key: input.key, permissions: input.permissions } as unknown as Selectable<RolesTable>;
  assertCovers(ctx.actor, draft, 'create the role');
  const id = newId();
  const now = stamp();
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('roles')
        .values({
          workspace_id: ctx.workspaceId,
          id,
          key: input.key,
          name: input.name,
          label: input.label ? JSON.stringify(input.label) : null,
          built_in: false,
          permissions: JSON.stringify(input.permissions),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await writeAudit(tx, ctx.actor, {
        action: 'role.created',
        targetType: 'role',
        targetId: id,
        details: { key: input.key, name: input.name, permissions: input.permissions },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new Conflict('A role with this key already exists', [
        { field: 'key', message: 'Already in use' },
      ]);
    throw err;
  }
  return getRole(ctx, id);
}

export async function updateRole(ctx: Ctx, idOrKey: string, patch: UpdateRoleInput) {
  const before = await getRole(ctx, idOrKey);
  assertCovers(ctx.actor, before, 'change the role');
  if (patch.permissions) {
    if (before.key === 'admin')
      throw new Unprocessable('The admin role always has every permission; create another role instead', [
        { field: 'permissions', message: 'The admin role cannot be restricted' },
      ]);
    assertCovers(ctx.actor, { ...before, permissions: patch.permissions }, 'give the role');
  }
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.label !== undefined) set.label = patch.label === null ? null : JSON.stringify(patch.label);
  if (patch.permissions !== undefined) set.permissions = JSON.stringify(patch.permissions);
  if (!Object.keys(set).length) return before;
  set.updated_at = stamp();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('roles')
      .set(set)
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', before.id)
      .execute();
    await writeAudit(tx, ctx.actor, {
      action: 'role.updated',
      targetType: 'role',
      targetId: before.id,
      details: {
        key: before.key,
        ...(patch.name !== undefined ? { name: { from: before.name, to: patch.name } } : {}),
        ...(patch.permissions ? { permissions: { from: permissionsOf(before), to: patch.permissions } } : {}),
      },
    });
  });
  return getRole(ctx, before.id);
}

export async function deleteRole(ctx: Ctx, idOrKey: string) {
  const role = await getRole(ctx, idOrKey);
  if (role.built_in)
    throw new Unprocessable(`"${role.key}" is a built-in role: edit its permissions instead of deleting it`);
  assertCovers(ctx.actor, role, 'delete the role');
  await ctx.db.transaction().execute(async (tx) => {
    const inUse = await tx
      .selectFrom('users')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('role_id', '=', role.id)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    if (Number(inUse?.n ?? 0) > 0)
      throw new Conflict(
        `${inUse!.n} user(s) still have the role "${role.key}"; give them another role first`,
      );
    await tx
      .deleteFrom('roles')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', role.id)
      .execute();
    await writeAudit(tx, ctx.actor, {
      action: 'role.deleted',
      targetType: 'role',
      targetId: role.id,
      details: { key: role.key },
    });
  });
}
