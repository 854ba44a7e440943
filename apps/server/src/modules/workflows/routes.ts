// Workflows: rules that react to events, dates and schedules with actions, and their run history.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { parseIfMatch } from '../records/routes/listQuery';
import { pageQuery } from '../../platform/dispatch/pages';
import { targetPolicy } from '../webhooks/urlGuard';
import { handlerErrorsQuery, listHandlerErrors } from './handlerErrors';
import { getRun, listRuns } from './listRuns';
import {
  createWorkflow,
  deleteWorkflow,
  getWorkflow,
  listWorkflows,
  updateWorkflow,
} from './manageWorkflows';
import { createWorkflowBody, updateWorkflowBody } from './workflowBody';
import './matchEvent';
import './runRuns';
import './dateTriggers';
import './scheduleTriggers';

const idParams = z.object({ id: z.string().uuid() }).strict();
const tags = ['workflows'];

export const workflowRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const env = { targets: targetPolicy(app.config) };
  r.get('/workflows', { schema: { tags, summary: 'Workflows' } }, async (req) => listWorkflows(ctxOf(req)));
  r.post(
    '/workflows',
    { schema: { tags, summary: 'Create a workflow (trigger + actions)', body: createWorkflowBody } },
    async (req, reply) => {
      const w = await createWorkflow(ctxOf(req), req.body, env);
      return reply.status(201).header('location', `/api/v1/workflows/${w.id}`).send(w);
    },
  );
  r.get(
    '/workflows/:id',
    { schema: { tags, summary: 'One workflow', params: idParams } },
    async (req, reply) => {
      const w = await getWorkflow(ctxOf(req), req.params.id);
      return reply.header('etag', `"${w.version}"`).send(w);
    },
  );
  r.patch(
    '/workflows/:id',
    {
      schema: {
        tags,
        summary: 'Change a workflow (If-Match honoured: 412 when stale; without it the change applies)',
        params: idParams,
        body: updateWorkflowBody,
      },
    },
    async (req, reply) => {
      const ifMatch = parseIfMatch(req.headers['if-match']);
      const w = await updateWorkflow(ctxOf(req), req.params.id, req.body, env, { ifMatch });
      return reply.header('etag', `"${w.version}"`).send(w);
    },
  );
  r.delete(
    '/workflows/:id',
    { schema: { tags, summary: 'Archive a workflow', params: idParams } },
    async (req, reply) => {
      await deleteWorkflow(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/workflows/:id/runs',
    {
      schema: {
        tags,
        summary: 'Runs: what fired, on which record, and each action’s outcome',
        params: idParams,
        querystring: z
          .object({
            status: z.enum(['pending', 'succeeded', 'failed', 'skipped']).optional(),
            recordId: z.string().uuid().optional(),
            ...pageQuery,
          })
          .strict(),
      },
    },
    async (req) => listRuns(ctxOf(req), req.params.id, req.query),
  );
  r.get(
    '/workflows/:id/runs/:runId',
    {
      schema: {
        tags,
        summary: 'One run',
        params: z.object({ id: z.string().uuid(), runId: z.string().uuid() }).strict(),
      },
    },
    async (req) => getRun(ctxOf(req), req.params.id, req.params.runId),
  );
  r.get(
    '/automation/handler-errors',
    {
      schema: {
        tags,
        summary: 'Event handlers that failed (admins): which handler, on which event, and the error',
        querystring: handlerErrorsQuery,
      },
    },
    async (req) => listHandlerErrors(ctxOf(req), req.query),
  );
};
