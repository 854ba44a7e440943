// Checks the ids a user record points at (team, business unit, manager, role) inside the caller's
// workspace, so a wrong id is a 400 naming the field instead of a foreign-key failure.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor';
import type { Ctx } from '../../platform/context';
import { type FieldError, Forbidden, Unprocessable, ValidationError } from '../../platform/errors';
import { findRole, permissionsOf, type RoleRow } from '../roles/findRole';
import { firstExcess } from '../roles/permissionsCover';

export async function checkOrgRefs(
  ctx: Ctx,
  refs: { teamId?: string | null; unitId?: string | null; managerId?: string | null },
  forUserId?: string,
): Promise<void> {
  const errors: FieldError[] = [];
  const ws = ctx.workspaceId;
  const exists = async (table: 'teams' | 'business_units' | 'users', id: string) =>
    Boolean(
      await ctx.db
        .selectFrom(table)
        .where('workspace_id', '=', ws)
        .where('id', '=', id)
        .select('id')
        .executeTakeFirst(),
    );
  if (refs.teamId && !(await exists('teams', refs.teamId)))
    errors.push({ field: 'teamId', message: 'No team with this id' });
  if (refs.unitId && !(await exists('business_units', refs.unitId)))
    errors.push({ field: 'unitId', message: 'No business unit with this id' });
  if (refs.managerId) {
    if (refs.managerId === forUserId)
      errors.push({ field: 'managerId', message: 'A user cannot manage themselves' });
    else if (!(await exists('users', refs.managerId)))
      errors.push({ field: 'managerId', message: 'No user with this id' });
  }
  if (errors.length) throw new ValidationError(errors);
  if (refs.managerId && forUserId && (await managesUpward(ctx, refs.managerId, forUserId))) {
    throw new Unprocessable('This manager reports to the user, directly or not: that would be a loop', [
      { field: 'managerId', message: 'Would create a reporting loop' },
    ]);
  }
}

/** Whether `userId` appears in the management chain above `managerId`. */
async function managesUpward(ctx: Ctx, managerId: string, userId: string): Promise<boolean> {
  const r = await sql<{ found: boolean }>`
    with recursive chain(id, depth) as (
      select manager_id, 1 from users where workspace_id = ${ctx.workspaceId} and id = ${managerId}
      union all
      select u.manager_id, c.depth + 1 from users u join chain c on u.id = c.id
      where u.workspace_id = ${ctx.workspaceId} and c.depth < 100
    ) select exists(select 1 from chain where id = ${userId}) as found`.execute(ctx.db);
  return r.rows[0]?.found === true;
}

/** The role with this key; a 400 if none, a 403 if it grants more than the caller holds. */
export async function assignableRole(ctx: Ctx, key: string): Promise<RoleRow> {
  const role = await findRole(ctx.db, ctx.workspaceId, key);
  if (!role || role.key !== key)
    throw new ValidationError([{ field: 'role', message: 'No role with this key' }]);
  assertCovers(ctx.actor, role, 'assign the role');
  return role;
}

/** Refuses to act on (or hand out) a role with permissions the caller does not hold. */
export function assertCovers(actor: Actor, role: RoleRow, doing: string): void {
  if (actor.kind === 'system') return;
  const excess = firstExcess(actor.permissions, permissionsOf(role));
  if (excess)
    throw new Forbidden(`You cannot ${doing} "${role.key}": it grants ${excess}, which you do not have`);
}
