// Sessions per OWASP ASVS V7: a 256-bit random token (only its hash is stored), a new token at every
// sign-in, an inactivity time-out and an absolute one, and revocation that takes effect at once.
import type { Config } from '../config';
import { clock } from '../clock';
import type { Executor } from '../db/schema';
import { newId, randomToken, sha256 } from '../ids';

export const SESSION_COOKIE = 'rapport_session';
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export const sessionPolicy = (config: Config): SessionPolicy => ({
  idleMs: config.SESSION_IDLE_MINUTES * 60_000,
  absoluteMs: config.SESSION_ABSOLUTE_HOURS * 3_600_000,
});

export async function createSession(
  db: Executor,
  policy: SessionPolicy,
  input: { workspaceId: string; userId: string; userAgent?: string; ip?: string; remember?: boolean },
): Promise<{ token: string; csrfToken: string; id: string; expiresAt: Date }> {
  const token = randomToken(32);
  const csrfToken = randomToken(32);
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  const id = newId();
  await db
    .insertInto('sessions')
    .values({
      workspace_id: input.workspaceId,
      id,
      token_hash: sha256(token),
      user_id: input.userId,
      csrf_token: csrfToken,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
      ip: input.ip ?? null,
      remember: input.remember ?? false,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, id, expiresAt };
}

export async function revokeSession(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: clock.now() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(
  db: Executor,
  workspaceId: string,
  userId: string,
  exceptId?: string,
) {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: clock.now() })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}
