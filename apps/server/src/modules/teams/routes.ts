// Teams: everyone signed in reads them (pickers, filters); user admins (manageUsers) change them.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCapability } from '../../platform/access/authorize';
import { ctxOf } from '../../platform/context';
import { idParams } from '../users/schemas';
import { listTeamsQuery, teamBody, teamPatch } from './schemas';
import { createTeam, deleteTeam, findTeam, listTeams, presentTeam, updateTeam } from './teams';

export const teamRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/teams',
    { schema: { tags: ['teams'], summary: 'List teams', querystring: listTeamsQuery } },
    async (req) => listTeams(ctxOf(req), req.query),
  );

  r.get('/teams/:id', { schema: { tags: ['teams'], summary: 'One team', params: idParams } }, async (req) =>
    presentTeam(await findTeam(ctxOf(req), req.params.id)),
  );

  r.post(
    '/teams',
    { schema: { tags: ['teams'], summary: 'Create a team (manageUsers)', body: teamBody } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageUsers');
      const team = presentTeam(await createTeam(ctx, req.body));
      return reply.status(201).header('location', `/api/v1/teams/${team.id}`).send(team);
    },
  );

  r.patch(
    '/teams/:id',
    {
      schema: {
        tags: ['teams'],
        summary: 'Rename a team or change its manager or unit (manageUsers)',
        params: idParams,
        body: teamPatch,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageUsers');
      return presentTeam(await updateTeam(ctx, req.params.id, req.body));
    },
  );

  r.delete(
    '/teams/:id',
    { schema: { tags: ['teams'], summary: 'Delete an empty team (manageUsers)', params: idParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageUsers');
      await deleteTeam(ctx, req.params.id);
      return reply.status(204).send();
    },
  );
};
