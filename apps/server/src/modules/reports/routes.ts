// Reports over HTTP. GET /reports/pipeline-summary: deals per stage of a pipeline (the default
// one when none is named), summed per currency and converted into the workspace currency.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { pipelineSummary } from './pipelineSummary';

const summaryQuery = z
  .object({
    pipelineId: z.string().uuid('A pipeline id (UUID)').optional(),
  })
  .strict();

export const reportRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/reports/pipeline-summary',
    {
      schema: {
        tags: ['reports'],
        summary: 'Deals per stage of a pipeline, summed and converted into the workspace currency',
        querystring: summaryQuery,
      },
    },
    async (req) => pipelineSummary(ctxOf(req), { pipelineId: req.query.pipelineId }),
  );
};
