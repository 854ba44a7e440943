// Sign-in, sign-out and "who am I" (with the effective permissions the web app uses to hide what
// the user cannot do).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActor } from '../../platform/auth/loadActor';
import { burnPasswordCheck, verifyPassword } from '../../platform/auth/passwords';
import { revokeSession, SESSION_COOKIE } from '../../platform/auth/sessions';
import { requireActor } from '../../platform/auth/hook';
import { Unauthorized } from '../../platform/errors';
import { RateLimiter } from '../../platform/http/rateLimit';
import { presentMe } from './presentMe';
import { signIn } from './signIn';

const loginBody = z
  .object({
    email: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(1024),
    remember: z.boolean().optional(),
  })
  .strict();

const FIFTEEN_MINUTES = 15 * 60_000;

export const authRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Only failures count: an office behind one NAT address signs in all morning without a 429,
  // while guessing is capped per address and, tighter, per account.
  const byIp = new RateLimiter(app.config.LOGIN_RATE_LIMIT * 5, FIFTEEN_MINUTES);
  const byEmail = new RateLimiter(app.config.LOGIN_RATE_LIMIT, FIFTEEN_MINUTES);

  r.post(
    '/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Sign in', body: loginBody },
      config: { csrfExempt: true, allowAnonymous: true },
    },
    async (req, reply) => {
      const email = req.body.email.toLowerCase();
      const ipKey = `ip:${req.ip}`;
      const emailKey = `email:${email}`;
      byIp.check(ipKey);
      byEmail.check(emailKey);
      const failed = (message: string) => {
        byIp.hit(ipKey);
        byEmail.hit(emailKey);
        return new Unauthorized(message);
      };
      const user = await app.store.db
        .selectFrom('users')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .select(['id', 'workspace_id', 'password_hash', 'active'])
        .executeTakeFirst();
      if (!user) {
        await burnPasswordCheck(req.body.password);
        throw failed('Wrong email or password');
      }
      const ok = await verifyPassword(user.password_hash, req.body.password);
      if (!ok) throw failed('Wrong email or password');
      if (!user.active) throw new Unauthorized('This account is deactivated');
      byEmail.reset(emailKey);
      return signIn(app, req, reply, { workspaceId: user.workspace_id, id: user.id }, req.body.remember);
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
