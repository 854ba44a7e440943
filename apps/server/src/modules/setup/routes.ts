// First-run setup, the one API a visitor may call before any account exists. No session, so no
// CSRF token, but the Origin check still applies and attempts are rate limited per address.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { RateLimiter } from '../../platform/http/rateLimit';
import { signIn } from '../auth/signIn';
import { runSetup, setupNeeded } from './runSetup';
import { setupBody } from './schemas';

export const setupRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const byIp = new RateLimiter(10, 15 * 60_000);
  const tags = ['setup'];

  r.get(
    '/setup',
    {
      schema: { tags, summary: 'Whether first-run setup is still needed' },
      config: { allowAnonymous: true },
    },
    async () => ({ needed: await setupNeeded(app.store.db) }),
  );

  r.post(
    '/setup',
    {
      schema: {
        tags,
        summary: 'Create the workspace and its first admin, and sign the admin in',
        body: setupBody,
      },
      config: { allowAnonymous: true, csrfExempt: true },
      // Before validation, so malformed floods count too.
      preValidation: async (req) =>
        byIp.hit(`ip:${req.ip}`, 'Too many setup attempts; wait a moment and try again'),
    },
    async (req, reply) => {
      const { workspaceId, adminUserId, demoLoaded } = await runSetup(app.store.db, req.body, req.log);
      const me = await signIn(app, req, reply, { workspaceId, id: adminUserId });
      return reply.status(201).send({ ...me, demoLoaded });
    },
  );
};
