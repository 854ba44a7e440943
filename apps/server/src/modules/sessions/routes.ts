// Sessions: /auth/sessions for one's own (the current one flagged), /users/{id}/sessions for user
// admins (manageUsers) to see and end anyone's — a lost laptop, a leaver, a suspicious sign-in.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCapability } from '../../platform/access/authorize';
import { SESSION_COOKIE, sessionPolicy } from '../../platform/auth/sessions';
import { ctxOf } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { findRole } from '../roles/findRole';
import { findUser } from '../users/presentUser';
import { idParams } from '../users/schemas';
import { assertCovers } from '../users/userRefs';
import { endAllSessions, endSession, listSessions } from './sessions';

const userSessionParams = z.object({ id: z.uuid('Must be an id'), sid: z.uuid('Must be an id') }).strict();

export const sessionRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const policy = sessionPolicy(app.config);
  const tags = ['sessions'];

  r.get(
    '/auth/sessions',
    { schema: { tags, summary: 'Your active sessions; the one making this request is flagged current' } },
    async (req) => {
      const ctx = ctxOf(req);
      return listSessions(ctx, policy, ctx.actor.userId!, req.sessionId);
    },
  );

  r.delete(
    '/auth/sessions/:id',
    {
      schema: {
        tags,
        summary: 'End one of your sessions (ending the current one signs you out)',
        params: idParams,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await endSession(ctx, policy, ctx.actor.userId!, req.params.id);
      if (req.params.id === req.sessionId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  r.delete(
    '/auth/sessions',
    { schema: { tags, summary: 'Sign out everywhere else: end all your sessions but this one' } },
    async (req) => {
      const ctx = ctxOf(req);
      return { ended: await endAllSessions(ctx, ctx.actor.userId!, req.sessionId) };
    },
  );

  /** The target user, if the caller may manage them (404 outside the workspace, 403 above them). */
  async function managedUser(req: Parameters<typeof ctxOf>[0], id: string) {
    const ctx = ctxOf(req);
    requireCapability(ctx.actor, 'manageUsers');
    const user = await findUser(ctx.db, ctx.workspaceId, id);
    if (!user) throw new NotFound('No user with this id');
    assertCovers(
      ctx.actor,
      (await findRole(ctx.db, ctx.workspaceId, user.role_id))!,
      'manage users with the role',
    );
    return { ctx, user };
  }

  r.get(
    '/users/:id/sessions',
    { schema: { tags, summary: 'A user’s active sessions (manageUsers)', params: idParams } },
    async (req) => {
      const { ctx, user } = await managedUser(req, req.params.id);
      return listSessions(ctx, policy, user.id, req.sessionId);
    },
  );

  r.delete(
    '/users/:id/sessions/:sid',
    { schema: { tags, summary: 'End one of a user’s sessions (manageUsers)', params: userSessionParams } },
    async (req, reply) => {
      const { ctx, user } = await managedUser(req, req.params.id);
      await endSession(ctx, policy, user.id, req.params.sid);
      return reply.status(204).send();
    },
  );

  r.delete(
    '/users/:id/sessions',
    { schema: { tags, summary: 'End all of a user’s sessions (manageUsers)', params: idParams } },
    async (req) => {
      const { ctx, user } = await managedUser(req, req.params.id);
      // An admin ending their own sessions here keeps the one they are using.
      return {
        ended: await endAllSessions(ctx, user.id, user.id === ctx.actor.userId ? req.sessionId : null),
      };
    },
  );
};
