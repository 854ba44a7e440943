// Sign-in, sign-out and "who am I" (with the effective permissions the web app uses to hide what
// the user cannot do).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActor } from '../../platform/auth/loadActor';
import { burnPasswordCheck, verifyPassword } from '../../platform/auth/passwords';
import { createSession, revokeSession, SESSION_COOKIE, sessionPolicy } from '../../platform/auth/sessions';
import { requireActor } from '../../platform/auth/hook';
import { Unauthorized } from '../../platform/errors';
import { RateLimiter } from '../../platform/http/rateLimit';
import { presentMe } from './presentMe';

const loginBody = z
  .object({
    email: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(1024),
    remember: z.boolean().optional(),
  })
  .strict();

export const authRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const policy = sessionPolicy(app.config);
  const byIp = new RateLimiter(app.config.LOGIN_RATE_LIMIT * 5, 15 * 60_000);
  const byEmail = new RateLimiter(app.config.LOGIN_RATE_LIMIT, 15 * 60_000);
  const secure = (req: { protocol: string }) =>
    app.config.COOKIE_SECURE === 'true' || (app.config.COOKIE_SECURE === 'auto' && req.protocol === 'https');

  r.post(
    '/auth/login',
    { schema: { tags: ['auth'], summary: 'Sign in', body: loginBody }, config: { csrfExempt: true } },
    async (req, reply) => {
      const email = req.body.email.toLowerCase();
      byIp.hit(`ip:${req.ip}`);
      byEmail.hit(`email:${email}`);
      const user = await app.store.db
        .selectFrom('users')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .select(['id', 'workspace_id', 'password_hash', 'active'])
        .executeTakeFirst();
      if (!user) {
        await burnPasswordCheck(req.body.password);
        throw new Unauthorized('Wrong email or password');
      }
      const ok = await verifyPassword(user.password_hash, req.body.password);
      if (!ok || !user.active)
        throw new Unauthorized(ok ? 'This account is deactivated' : 'Wrong email or password');
      byEmail.reset(`email:${email}`);
      // A new token at every sign-in: a token planted before sign-in is never promoted.
      const old = req.cookies[SESSION_COOKIE];
      if (old && req.sessionId) await revokeSession(app.store.db, user.workspace_id, req.sessionId);
      const s = await createSession(app.store.db, policy, {
        workspaceId: user.workspace_id,
        userId: user.id,
        userAgent: req.headers['user-agent'],
        ip: req.ip,
        remember: req.body.remember,
      });
      reply.setCookie(SESSION_COOKIE, s.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(req),
        path: '/',
        ...(req.body.remember ? { expires: s.expiresAt } : {}),
      });
      const loaded = await loadActor(app.store.db, user.workspace_id, user.id, 'user');
      return presentMe(app.store.db, loaded!, s.csrfToken);
    },
  );

  r.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out' } }, async (req, reply) => {
    const actor = requireActor(req);
    if (req.sessionId) await revokeSession(app.store.db, actor.workspaceId, req.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user, workspace and permissions' } },
    async (req) => {
      const actor = requireActor(req);
      const loaded = await loadActor(app.store.db, actor.workspaceId, actor.userId!, actor.kind);
      if (!loaded) throw new Unauthorized();
      return presentMe(app.store.db, loaded, req.csrfToken);
    },
  );
};
