// Business units (subsidiaries): everyone signed in reads them; user admins (manageUsers) change them.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCapability } from '../../platform/access/authorize';
import { ctxOf } from '../../platform/context';
import { idParams } from '../users/schemas';
import { listUnitsQuery, unitBody, unitPatch } from './schemas';
import { createUnit, deleteUnit, findUnit, listUnits, presentUnit, updateUnit } from './units';

export const unitRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['business units'];

  r.get(
    '/business-units',
    { schema: { tags, summary: 'List business units', querystring: listUnitsQuery } },
    async (req) => listUnits(ctxOf(req), req.query),
  );

  r.get(
    '/business-units/:id',
    { schema: { tags, summary: 'One business unit', params: idParams } },
    async (req) => presentUnit(await findUnit(ctxOf(req), req.params.id)),
  );

  r.post(
    '/business-units',
    { schema: { tags, summary: 'Create a business unit (manageUsers)', body: unitBody } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageUsers');
      const unit = presentUnit(await createUnit(ctx, req.body));
      return reply.status(201).header('location', `/api/v1/business-units/${unit.id}`).send(unit);
    },
  );

  r.patch(
    '/business-units/:id',
    {
      schema: {
        tags,
        summary: 'Rename, re-parent or change the currency of a unit (manageUsers)',
        params: idParams,
        body: unitPatch,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageUsers');
      return presentUnit(await updateUnit(ctx, req.params.id, req.body));
    },
  );

  r.delete(
    '/business-units/:id',
    { schema: { tags, summary: 'Delete an empty business unit (manageUsers)', params: idParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageUsers');
      await deleteUnit(ctx, req.params.id);
      return reply.status(204).send();
    },
  );
};
