// The signed-in user's own account: profile, password, email. Sessions are in modules/sessions.
import { stamp } from '../users/timestamps';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActor } from '../../platform/auth/loadActor';
import { ctxOf } from '../../platform/context';
import { Unauthorized } from '../../platform/errors';
import { RateLimiter } from '../../platform/http/rateLimit';
import { displayName, emailAddress, newPassword, signature } from '../users/userFields';
import { localeCode, timeZoneName } from '../workspace/localeFields';
import { changeEmail, changePassword } from './credentials';
import { presentMe } from './presentMe';

const profileBody = z
  .object({
    name: displayName(),
    locale: localeCode.nullable(),
    timeZone: timeZoneName.nullable(),
    signature: signature.nullable(),
  })
  .partial()
  .strict();

const passwordBody = z.object({ currentPassword: z.string().min(1).max(1024), newPassword }).strict();
const emailBody = z.object({ currentPassword: z.string().min(1).max(1024), email: emailAddress }).strict();

export const accountRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reauth = new RateLimiter(5, 15 * 60_000);
  const tags = ['auth'];

  const me = async (req: Parameters<typeof ctxOf>[0]) => {
    const ctx = ctxOf(req);
    const loaded = await loadActor(ctx.db, ctx.workspaceId, ctx.actor.userId!, ctx.actor.kind);
    if (!loaded) throw new Unauthorized();
    return presentMe(ctx.db, loaded, req.csrfToken);
  };

  r.patch(
    '/auth/me',
    {
      schema: {
        tags,
        summary: 'Edit your profile: name, language, time zone, email signature',
        body: profileBody,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const b = req.body;
      const set = {
        ...(b.name !== undefined ? { name: b.name } : {}),
        ...(b.locale !== undefined ? { locale: b.locale } : {}),
        ...(b.timeZone !== undefined ? { time_zone: b.timeZone } : {}),
        ...(b.signature !== undefined ? { signature: b.signature } : {}),
      };
      if (Object.keys(set).length) {
        await ctx.db
          .updateTable('users')
          .set({ ...set, updated_at: stamp() })
          .where('workspace_id', '=', ctx.workspaceId)
          .where('id', '=', ctx.actor.userId!)
          .execute();
      }
      return me(req);
    },
  );

  r.post(
    '/auth/password',
    { schema: { tags, summary: 'Change your password (ends your other sessions)', body: passwordBody } },
    async (req, reply) => {
      await changePassword(ctxOf(req), reauth, req.body, req.sessionId);
      return reply.status(204).send();
    },
  );

  r.post(
    '/auth/email',
    { schema: { tags, summary: 'Change your sign-in email (asks for your password)', body: emailBody } },
    async (req) => {
      await changeEmail(ctxOf(req), reauth, req.body);
      return me(req);
    },
  );
};
