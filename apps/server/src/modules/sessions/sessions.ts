// Seeing and ending sessions (OWASP ASVS V7.5): users list and end their own; user admins list
// and end anyone's. "Active" follows the same idle and absolute time-outs as the request hook.
import { isoTime } from '../users/timestamps';
import type { SessionPolicy } from '../../platform/auth/sessions';
import { writeAudit } from '../../platform/audit/writeAudit';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { NotFound } from '../../platform/errors';

function activeSessions(ctx: Ctx, policy: SessionPolicy, userId: string) {
  const now = clock.now();
  return ctx.db
    .selectFrom('sessions')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - policy.idleMs));
}

export async function listSessions(
  ctx: Ctx,
  policy: SessionPolicy,
  userId: string,
  currentId: string | null,
) {
  const rows = await activeSessions(ctx, policy, userId)
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent', 'ip', 'remember'])
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    // A user has a handful of devices; the cap keeps a scripted login storm from making a huge page.
    .limit(200)
    .execute();
  return {
    data: rows.map((s) => {
      const idleEnd = new Date(s.last_seen_at).getTime() + policy.idleMs;
      return {
        id: s.id,
        current: s.id === currentId,
        createdAt: isoTime(s.created_at),
        lastSeenAt: isoTime(s.last_seen_at),
        expiresAt: new Date(Math.min(idleEnd, new Date(s.expires_at).getTime())).toISOString(),
        userAgent: s.user_agent,
        ip: s.ip,
      };
    }),
    nextCursor: null,
  };
}

/** Ends one active session of the user; someone else's (or a gone one) is a 404. */
export async function endSession(
  ctx: Ctx,
  policy: SessionPolicy,
  userId: string,
  sessionId: string,
): Promise<void> {
  const found = await activeSessions(ctx, policy, userId)
    .where('id', '=', sessionId)
    .select('id')
    .executeTakeFirst();
  if (!found) throw new NotFound('No active session with this id');
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('sessions')
      .set({ revoked_at: clock.now() })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', sessionId)
      .execute();
    await writeAudit(tx, ctx.actor, {
      action: 'session.revoked',
      targetType: 'user',
      targetId: userId,
      details: { sessionId },
    });
  });
}

/** Ends every session of the user except `keepId` (the caller's own, when they sign out elsewhere). */
export async function endAllSessions(ctx: Ctx, userId: string, keepId: string | null): Promise<number> {
  return ctx.db.transaction().execute(async (tx) => {
    let q = tx
      .updateTable('sessions')
      .set({ revoked_at: clock.now() })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (keepId) q = q.where('id', '!=', keepId);
    const r = await q.executeTakeFirst();
    const ended = Number(r.numUpdatedRows);
    await writeAudit(tx, ctx.actor, {
      action: 'session.revokedAll',
      targetType: 'user',
      targetId: userId,
      details: { ended },
    });
    return ended;
  });
}
