// Changing one's own password or email (ASVS V6.2.3 / V7.4.3): the current password is asked
// again, wrong guesses are rate limited per user, and a new password ends every other session.
import { stamp } from '../users/timestamps';
import type { Actor } from '../../platform/access/actor';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords';
import { revokeUserSessions } from '../../platform/auth/sessions';
import { writeAudit } from '../../platform/audit/writeAudit';
import type { Ctx } from '../../platform/context';
import { Forbidden, ValidationError } from '../../platform/errors';
import type { RateLimiter } from '../../platform/http/rateLimit';
import { assertEmailFree, emailTaken, isUniqueViolation } from '../users/uniqueEmail';

function requirePerson(actor: Actor): string {
  if (actor.kind !== 'user' || !actor.userId)
    throw new Forbidden('Sign in with your password to change credentials');
  return actor.userId;
}

async function proveCurrentPassword(ctx: Ctx, limiter: RateLimiter, userId: string, password: string) {
  const key = `reauth:${userId}`;
  limiter.check(key);
  const row = await ctx.db
    .selectFrom('users')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', userId)
    .select(['password_hash', 'email'])
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, password))) {
    limiter.hit(key);
    throw new ValidationError(
      [{ field: 'currentPassword', message: 'The current password is wrong' }],
      'The current password is wrong',
    );
  }
  limiter.reset(key);
  return row;
}

export async function changePassword(
  ctx: Ctx,
  limiter: RateLimiter,
  input: { currentPassword: string; newPassword: string },
  keepSessionId: string | null,
): Promise<void> {
  const userId = requirePerson(ctx.actor);
  await proveCurrentPassword(ctx, limiter, userId, input.currentPassword);
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: stamp() })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', userId)
      .execute();
    // Whoever else holds a session (a stolen cookie, a forgotten kiosk) is out now.
    await revokeUserSessions(tx, ctx.workspaceId, userId, keepSessionId ?? undefined);
    await writeAudit(tx, ctx.actor, { action: 'auth.passwordChanged', targetType: 'user', targetId: userId });
  });
}

export async function changeEmail(
  ctx: Ctx,
  limiter: RateLimiter,
  input: { currentPassword: string; email: string },
): Promise<void> {
  const userId = requirePerson(ctx.actor);
  const before = await proveCurrentPassword(ctx, limiter, userId, input.currentPassword);
  if (before.email === input.email) return;
  await assertEmailFree(ctx.db, input.email, userId);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ email: input.email, updated_at: stamp() })
        .where('workspace_id', '=', ctx.workspaceId)
        .where('id', '=', userId)
        .execute();
      await writeAudit(tx, ctx.actor, {
        action: 'auth.emailChanged',
        targetType: 'user',
        targetId: userId,
        details: { from: before.email, to: input.email },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}
