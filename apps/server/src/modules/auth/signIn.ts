// Starting a session after a proven identity (login, first-run setup): a fresh token every time
// (ASVS V7.2.4: a token planted before sign-in is never promoted), the cookie, the last sign-in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadActor } from '../../platform/auth/loadActor';
import { createSession, revokeSession, SESSION_COOKIE, sessionPolicy } from '../../platform/auth/sessions';
import { clock } from '../../platform/clock';
import { Unauthorized } from '../../platform/errors';
import { presentMe } from './presentMe';
import '../users/identityColumns';

export function cookieIsSecure(app: FastifyInstance, req: FastifyRequest): boolean {
  return (
    app.config.COOKIE_SECURE === 'true' || (app.config.COOKIE_SECURE === 'auto' && req.protocol === 'https')
  );
}

export async function signIn(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  user: { workspaceId: string; id: string },
  remember = false,
) {
  const db = app.store.db;
  if (req.sessionId && req.actor) await revokeSession(db, req.actor.workspaceId, req.sessionId);
  const s = await createSession(db, sessionPolicy(app.config), {
    workspaceId: user.workspaceId,
    userId: user.id,
    userAgent: req.headers['user-agent'],
    ip: req.ip,
    remember,
  });
  await db
    .updateTable('users')
    .set({ last_sign_in_at: clock.now() })
    .where('workspace_id', '=', user.workspaceId)
    .where('id', '=', user.id)
    .execute();
  reply.setCookie(SESSION_COOKIE, s.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieIsSecure(app, req),
    path: '/',
    // Without "remember me" the cookie dies with the browser; the server-side time-outs apply either way.
    ...(remember ? { expires: s.expiresAt } : {}),
  });
  const loaded = await loadActor(db, user.workspaceId, user.id, 'user');
  if (!loaded) throw new Unauthorized();
  return presentMe(db, loaded, s.csrfToken);
}
