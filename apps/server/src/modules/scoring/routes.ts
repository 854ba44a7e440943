// Lead scoring rules.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { createRule, deleteRule, listRules, ruleBody } from './rules';
import './scoringEvents';
import './rescan';

const tags = ['scoring'];

export const scoringRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/scoring-rules', { schema: { tags, summary: 'Scoring rules' } }, async (req) =>
    listRules(ctxOf(req)),
  );
  r.post(
    '/scoring-rules',
    { schema: { tags, summary: 'Add a fit ({when}) or behaviour ({event}) rule', body: ruleBody } },
    async (req, reply) => reply.status(201).send(await createRule(ctxOf(req), req.body)),
  );
  r.delete(
    '/scoring-rules/:id',
    {
      schema: {
        tags,
        summary: 'Remove a rule (scores follow)',
        params: z.object({ id: z.string().uuid() }).strict(),
      },
    },
    async (req, reply) => {
      await deleteRule(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
