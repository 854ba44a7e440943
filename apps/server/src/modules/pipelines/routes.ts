// /api/v1/pipelines: pipelines with their ordered stages and win probabilities.
import { createPipelineSchema, updatePipelineSchema } from '@rapport/contracts/records';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { onWorkspaceCreated } from '../../platform/workspaceHooks';
import { seedDefaultPipeline } from './defaultPipeline';
import {
  archivePipeline,
  createPipeline,
  getPipeline,
  listPipelines,
  updatePipeline,
} from './pipelineService';

onWorkspaceCreated('records.defaultPipeline', async (tx, ws) => {
  await seedDefaultPipeline(tx, ws.workspaceId, ws.locale);
});

const tags = ['pipelines'];
const params = z.object({ id: z.string().min(1).max(100) }).strict();

export const pipelineRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/pipelines', { schema: { tags, summary: 'Pipelines with their stages' } }, async (req) => ({
    data: await listPipelines(ctxOf(req)),
  }));
  r.get('/pipelines/:id', { schema: { tags, summary: 'One pipeline', params } }, async (req) =>
    getPipeline(ctxOf(req), req.params.id),
  );
  r.post(
    '/pipelines',
    { schema: { tags, summary: 'Create a pipeline', body: createPipelineSchema } },
    async (req, reply) => {
      const p = await createPipeline(ctxOf(req), req.body);
      reply.header('location', `/api/v1/pipelines/${p.id}`);
      return reply.status(201).send(p);
    },
  );
  r.patch(
    '/pipelines/:id',
    {
      schema: {
        tags,
        summary: 'Edit a pipeline; `stages` is the whole ordered list',
        params,
        body: updatePipelineSchema,
      },
    },
    async (req) => updatePipeline(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/pipelines/:id',
    { schema: { tags, summary: 'Archive a pipeline without deals', params } },
    async (req, reply) => {
      await archivePipeline(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
