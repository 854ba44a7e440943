// Approvals: processes, submitting a record, the approver's inbox, and deciding with a comment.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { mailSettings } from '../../platform/mail/settings';
import { createProcessBody, decideBody, submitBody, updateProcessBody } from './processBody';
import { parseIfMatch } from '../records/routes/listQuery';
import { archiveProcess, createProcess, listProcesses, updateProcess } from './processes';
import { approvalsOfRecord, decide, getRequest, listApprovals, submitForApproval } from './requests';
import './lockGuard';
import './approvalTimeline';
import './approvalAction';

const idParams = z.object({ id: z.string().uuid() }).strict();
const recordParams = z.object({ object: z.string().min(1).max(100), id: z.string().uuid() }).strict();
const tags = ['approvals'];

export const approvalRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const mail = mailSettings(app.config);
  r.get(
    '/approval-processes',
    {
      schema: {
        tags,
        summary: 'Approval processes',
        querystring: z.object({ object: z.string().max(100).optional() }).strict(),
      },
    },
    async (req) => listProcesses(ctxOf(req), req.query.object),
  );
  r.post(
    '/approval-processes',
    { schema: { tags, summary: 'Create an approval process', body: createProcessBody } },
    async (req, reply) => reply.status(201).send(await createProcess(ctxOf(req), req.body)),
  );
  r.patch(
    '/approval-processes/:id',
    {
      schema: {
        tags,
        summary: 'Change an approval process (If-Match honoured: 412 when stale)',
        params: idParams,
        body: updateProcessBody,
      },
    },
    async (req, reply) => {
      const ifMatch = parseIfMatch(req.headers['if-match']);
      const p = await updateProcess(ctxOf(req), req.params.id, req.body, { ifMatch });
      return reply.header('etag', `"${p.version}"`).send(p);
    },
  );
  r.delete(
    '/approval-processes/:id',
    { schema: { tags, summary: 'Archive an approval process', params: idParams } },
    async (req, reply) => {
      await archiveProcess(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.post(
    '/objects/:object/:id/approvals',
    {
      schema: {
        tags,
        summary: 'Submit a record for approval (locks it while pending)',
        params: recordParams,
        body: submitBody,
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await submitForApproval(ctxOf(req), mail, req.params.object, req.params.id, req.body)),
  );
  r.get(
    '/objects/:object/:id/approvals',
    { schema: { tags, summary: 'A record’s approval history', params: recordParams } },
    async (req) => approvalsOfRecord(ctxOf(req), req.params.object, req.params.id),
  );
  r.get(
    '/approvals',
    {
      schema: {
        tags,
        summary: 'My approvals: ?mine=pending (waiting for me, the default) or ?mine=submitted',
        querystring: z
          .object({
            mine: z.enum(['pending', 'submitted']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
      },
    },
    async (req) => listApprovals(ctxOf(req), req.query),
  );
  r.get(
    '/approvals/:id',
    { schema: { tags, summary: 'One approval with its steps', params: idParams } },
    async (req) => getRequest(ctxOf(req), req.params.id),
  );
  r.post(
    '/approvals/:id/approve',
    { schema: { tags, summary: 'Approve the current step', params: idParams, body: decideBody } },
    async (req) => decide(ctxOf(req), mail, req.params.id, 'approved', req.body.comment),
  );
  r.post(
    '/approvals/:id/reject',
    { schema: { tags, summary: 'Reject (ends the request)', params: idParams, body: decideBody } },
    async (req) => decide(ctxOf(req), mail, req.params.id, 'rejected', req.body.comment),
  );
};
