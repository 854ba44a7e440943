// Sequences (nurture cadences): ready templates, the sequences, and enrolments with their next step.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { pageQuery } from '../../platform/dispatch/pages';
import { enroll, getEnrollment, listEnrollments, setEnrollmentState } from './enrollments';
import {
  archiveSequence,
  createSequence,
  getSequence,
  listSequences,
  updateSequence,
} from './manageSequences';
import { createSequenceBody, enrollBody, updateSequenceBody } from './sequenceBody';
import { presentTemplates } from './templates';
import './runSteps';
import './stopRules';
import './enrollAction';

const idParams = z.object({ id: z.string().uuid() }).strict();
const enrollmentParams = z.object({ id: z.string().uuid(), enrollmentId: z.string().uuid() }).strict();
const statusQuery = z.enum(['active', 'paused', 'completed', 'stopped']).optional();
const tags = ['sequences'];

export const sequenceRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/sequence-templates',
    { schema: { tags, summary: 'Ready-made sequences (R17 nurture cadence)' } },
    async (req) => ({
      data: presentTemplates(ctxOf(req).actor.locale),
    }),
  );
  r.get('/sequences', { schema: { tags, summary: 'Sequences' } }, async (req) => listSequences(ctxOf(req)));
  r.post(
    '/sequences',
    { schema: { tags, summary: 'Create a sequence from steps or a template', body: createSequenceBody } },
    async (req, reply) => {
      const s = await createSequence(ctxOf(req), req.body);
      return reply.status(201).header('location', `/api/v1/sequences/${s.id}`).send(s);
    },
  );
  r.get('/sequences/:id', { schema: { tags, summary: 'One sequence', params: idParams } }, async (req) =>
    getSequence(ctxOf(req), req.params.id),
  );
  r.patch(
    '/sequences/:id',
    { schema: { tags, summary: 'Change a sequence', params: idParams, body: updateSequenceBody } },
    async (req) => updateSequence(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/sequences/:id',
    { schema: { tags, summary: 'Archive a sequence (stops its enrolments)', params: idParams } },
    async (req, reply) => {
      await archiveSequence(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.post(
    '/sequences/:id/enrollments',
    { schema: { tags, summary: 'Enrol a record', params: idParams, body: enrollBody } },
    async (req, reply) => {
      const e = await enroll(ctxOf(req), req.params.id, req.body);
      return reply
        .status(201)
        .header('location', `/api/v1/sequences/${req.params.id}/enrollments/${e.id}`)
        .send(e);
    },
  );
  r.get(
    '/sequences/:id/enrollments',
    {
      schema: {
        tags,
        summary: 'Enrolments of a sequence, each with its next step and when',
        params: idParams,
        querystring: z.object({ status: statusQuery, ...pageQuery }).strict(),
      },
    },
    async (req) => listEnrollments(ctxOf(req), { sequenceId: req.params.id, ...req.query }),
  );
  r.get(
    '/sequence-enrollments',
    {
      schema: {
        tags,
        summary: 'Enrolments of one record (for its page)',
        querystring: z
          .object({
            object: z.string().min(1).max(100),
            recordId: z.string().uuid(),
            status: statusQuery,
            ...pageQuery,
          })
          .strict(),
      },
    },
    async (req) => listEnrollments(ctxOf(req), req.query),
  );
  r.get(
    '/sequences/:id/enrollments/:enrollmentId',
    { schema: { tags, summary: 'One enrolment', params: enrollmentParams } },
    async (req) => getEnrollment(ctxOf(req), req.params.id, req.params.enrollmentId),
  );
  for (const verb of ['pause', 'resume', 'stop'] as const) {
    r.post(
      `/sequences/:id/enrollments/:enrollmentId/${verb}`,
      {
        schema: {
          tags,
          summary: `${verb[0]!.toUpperCase()}${verb.slice(1)} an enrolment`,
          params: enrollmentParams,
        },
      },
      async (req) => setEnrollmentState(ctxOf(req), req.params.id, req.params.enrollmentId, verb),
    );
  }
};
