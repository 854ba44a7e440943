// An admin edits a user: profile, role, team/unit/manager, a password reset, deactivation.
// Changing one's own role, status, email or password goes elsewhere (or nowhere): an admin cannot
// lock themselves out by accident, and credentials change only with the current password.
import { stamp } from './timestamps';
import { hashPassword } from '../../platform/auth/passwords';
import { revokeUserSessions } from '../../platform/auth/sessions';
import { writeAudit } from '../../platform/audit/writeAudit';
import type { Ctx } from '../../platform/context';
import type { UsersTable } from '../../platform/db/schema';
import { NotFound, Unprocessable } from '../../platform/errors';
import type { Updateable } from 'kysely';
import { findRole } from '../roles/findRole';
import { revokeAllAccess, otherActiveAdmins } from './deactivation';
import { findUser } from './presentUser';
import type { UpdateUserInput } from './schemas';
import { assertEmailFree, emailTaken, isUniqueViolation } from './uniqueEmail';
import { assertCovers, assignableRole, checkOrgRefs } from './userRefs';

const selfOnlyElsewhere: Partial<Record<keyof UpdateUserInput, string>> = {
  role: 'You cannot change your own role; ask another admin',
  active: 'You cannot deactivate yourself; ask another admin',
  email: 'Change your own email with POST /api/v1/auth/email (it asks for your password)',
  password: 'Change your own password with POST /api/v1/auth/password (it asks for the current one)',
};

const profileFields = {
  email: 'email',
  name: 'name',
  teamId: 'team_id',
  unitId: 'unit_id',
  managerId: 'manager_id',
  locale: 'locale',
  timeZone: 'time_zone',
} as const;

export async function updateUser(ctx: Ctx, id: string, patch: UpdateUserInput) {
  const ws = ctx.workspaceId;
  const before = await findUser(ctx.db, ws, id);
  if (!before) throw new NotFound('No user with this id');

  if (id === ctx.actor.userId) {
    const refused = Object.entries(selfOnlyElsewhere)
      .filter(([f]) => patch[f as keyof UpdateUserInput] !== undefined)
      .map(([field, message]) => ({ field, message: message! }));
    if (refused.length) throw new Unprocessable(refused[0]!.message, refused);
  }
  // Managing a user needs every permission their role has: no resetting a superior's password.
  const currentRole = (await findRole(ctx.db, ws, before.role_id))!;
  assertCovers(ctx.actor, currentRole, 'manage users with the role');
  const newRole =
    patch.role !== undefined && patch.role !== before.role_key ? await assignableRole(ctx, patch.role) : null;
  await checkOrgRefs(ctx, patch, id);
  if (patch.email !== undefined && patch.email !== before.email)
    await assertEmailFree(ctx.db, patch.email, id);
  const passwordHash = patch.password ? await hashPassword(patch.password) : null;

  const set: Updateable<UsersTable> = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, column] of Object.entries(profileFields)) {
    const value = patch[field as keyof typeof profileFields];
    if (value === undefined || value === before[column]) continue;
    (set as Record<string, unknown>)[column] = value;
    changes[field] = { from: before[column], to: value };
  }
  if (newRole) set.role_id = newRole.id;
  const activeChanged = patch.active !== undefined && patch.active !== before.active;
  if (activeChanged) set.active = patch.active;
  if (passwordHash) set.password_hash = passwordHash;
  if (!Object.keys(set).length) return before;
  set.updated_at = stamp();

  const losesAdmin =
    before.role_key === 'admin' &&
    before.active &&
    ((newRole && newRole.key !== 'admin') || patch.active === false);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      if (losesAdmin && (await otherActiveAdmins(tx, ws, id)) === 0) {
        throw new Unprocessable('The workspace needs at least one active administrator', [
          { field: newRole ? 'role' : 'active', message: 'This is the last active administrator' },
        ]);
      }
      await tx.updateTable('users').set(set).where('workspace_id', '=', ws).where('id', '=', id).execute();
      const audit = (action: string, details: Record<string, unknown>) =>
        writeAudit(tx, ctx.actor, { action, targetType: 'user', targetId: id, details });
      if (Object.keys(changes).length) await audit('user.updated', { changes });
      if (newRole) await audit('user.roleChanged', { from: before.role_key, to: newRole.key });
      if (activeChanged) {
        if (patch.active === false) await revokeAllAccess(tx, ws, id);
        await audit(patch.active ? 'user.reactivated' : 'user.deactivated', {});
      }
      if (passwordHash) {
        await revokeUserSessions(tx, ws, id);
        await audit('user.passwordReset', {});
      }
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
  return (await findUser(ctx.db, ws, id))!;
}
