// /api/v1/views: saved list views (filters, sort, columns), personal or shared, and their records.
import { savedViewInputSchema, updateSavedViewSchema } from '@rapport/contracts/records';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { onWorkspaceCreated } from '../../platform/workspaceHooks';
import { ensureDefaultViews } from './defaultViews';
import { createView, deleteView, getView, listViews, runView, updateView } from './viewService';

onWorkspaceCreated('records.defaultViews', async (tx, ws) => {
  await ensureDefaultViews(tx, ws.workspaceId);
});

const tags = ['views'];
const params = z.object({ id: z.string().min(1).max(100) }).strict();

export const viewRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/views',
    {
      schema: {
        tags,
        summary: 'Saved views the caller can use',
        querystring: z.object({ object: z.string().max(64).optional() }).strict(),
      },
    },
    async (req) => ({ data: await listViews(ctxOf(req), req.query.object) }),
  );
  r.post(
    '/views',
    { schema: { tags, summary: 'Save a view', body: savedViewInputSchema } },
    async (req, reply) => reply.status(201).send(await createView(ctxOf(req), req.body)),
  );
  r.get('/views/:id', { schema: { tags, summary: 'One saved view', params } }, async (req) =>
    getView(ctxOf(req), req.params.id),
  );
  r.patch(
    '/views/:id',
    { schema: { tags, summary: 'Edit a saved view', params, body: updateSavedViewSchema } },
    async (req) => updateView(ctxOf(req), req.params.id, req.body),
  );
  r.delete('/views/:id', { schema: { tags, summary: 'Delete a saved view', params } }, async (req, reply) => {
    await deleteView(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });
  r.get(
    '/views/:id/records',
    {
      schema: {
        tags,
        summary: "The view's records, keyset-paged",
        params,
        querystring: z
          .object({
            limit: z
              .string()
              .regex(/^\d{1,3}$/)
              .optional(),
            after: z.string().max(2000).optional(),
          })
          .strict(),
      },
    },
    async (req) =>
      runView(ctxOf(req), req.params.id, {
        limit: req.query.limit ? Number(req.query.limit) : undefined,
        after: req.query.after,
      }),
  );
};
