// Reports over HTTP. GET /reports/pipeline-summary: deals per stage of a pipeline (the default
// one when none is named), summed per currency and converted into the workspace currency, over
// the deals a board shows: `filters` (the list's filter tree as JSON) and `q`.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { MAX_FILTERS_PARAM, parseFiltersParam } from '../exports/filtersParam';
import { pipelineSummary } from './pipelineSummary';

const summaryQuery = z
  .object({
    pipelineId: z.string().uuid('A pipeline id (UUID)').optional(),
    filters: z.string().max(MAX_FILTERS_PARAM).optional(),
    q: z.string().max(500).optional(),
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
    async (req) =>
      pipelineSummary(ctxOf(req), {
        pipelineId: req.query.pipelineId,
        filters: parseFiltersParam(req.query.filters),
        q: req.query.q,
      }),
  );
};
