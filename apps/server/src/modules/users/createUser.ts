import { stamp } from './timestamps';
import { hashPassword } from '../../platform/auth/passwords';
import { writeAudit } from '../../platform/audit/writeAudit';
import type { Ctx } from '../../platform/context';
import { newId } from '../../platform/ids';
import { findUser } from './presentUser';
import type { CreateUserInput } from './schemas';
import { assertEmailFree, emailTaken, isUniqueViolation } from './uniqueEmail';
import { assignableRole, checkOrgRefs } from './userRefs';

export async function createUser(ctx: Ctx, input: CreateUserInput) {
  const role = await assignableRole(ctx, input.role);
  await checkOrgRefs(ctx, input);
  await assertEmailFree(ctx.db, input.email);
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  const now = stamp();
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('users')
        .values({
          workspace_id: ctx.workspaceId,
          id,
          email: input.email,
          name: input.name,
          password_hash: passwordHash,
          role_id: role.id,
          team_id: input.teamId ?? null,
          unit_id: input.unitId ?? null,
          manager_id: input.managerId ?? null,
          locale: input.locale ?? null,
          time_zone: input.timeZone ?? null,
          active: true,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await writeAudit(tx, ctx.actor, {
        action: 'user.created',
        targetType: 'user',
        targetId: id,
        details: {
          email: input.email,
          name: input.name,
          role: role.key,
          teamId: input.teamId ?? null,
          unitId: input.unitId ?? null,
          managerId: input.managerId ?? null,
        },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
  return (await findUser(ctx.db, ctx.workspaceId, id))!;
}
