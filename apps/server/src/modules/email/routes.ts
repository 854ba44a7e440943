// Email: the outbox and inbox (GET /emails), sending a message, retrying a failed one, and the
// templates workflows and people share. Public unsubscribe links live in publicRoutes.ts.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { pageQuery } from '../../platform/dispatch/pages';
import { type InboundListener, startInboundSmtp } from '../../platform/mail/inbound/smtpListener';
import { mailSettings } from '../../platform/mail/settings';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  templateBody,
  updateTemplate,
} from './emailTemplates';
import { getEmail, listEmails } from './listEmails';
import './emailTimeline';
import { retryEmail, sendEmail, sendEmailBody } from './sendEmail';

const idParams = z.object({ id: z.string().uuid() }).strict();
const tags = ['email'];

export const emailRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const settings = mailSettings(app.config);

  // The inbound SMTP listener lives with the HTTP server that has INBOUND_SMTP_PORT set (one per
  // installation). Not binding is logged, not fatal: the CRM works without inbound mail.
  const inboundPort = app.config.INBOUND_SMTP_PORT;
  if (inboundPort !== undefined) {
    let listener: InboundListener | null = null;
    app.addHook('onReady', async () => {
      try {
        listener = await startInboundSmtp(app.store.db, app.log, {
          host: app.config.INBOUND_SMTP_HOST,
          port: inboundPort,
        });
        app.log.info({ port: listener.port }, 'inbound SMTP listening');
      } catch (err) {
        app.log.error({ err, port: inboundPort }, 'could not start the inbound SMTP listener');
      }
    });
    app.addHook('onClose', async () => {
      await listener?.close();
    });
  }

  r.get(
    '/emails',
    {
      schema: {
        tags,
        summary: 'Messages sent, queued or received, newest first',
        querystring: z
          .object({
            direction: z.enum(['in', 'out']).optional(),
            status: z.enum(['queued', 'sent', 'failed', 'received']).optional(),
            kind: z.enum(['message', 'reply', 'bounce', 'autoReply']).optional(),
            object: z.string().max(100).optional(),
            recordId: z.string().uuid().optional(),
            ...pageQuery,
          })
          .strict(),
      },
    },
    async (req) => listEmails(ctxOf(req), req.query),
  );

  r.get(
    '/emails/:id',
    { schema: { tags, summary: 'One message with its body', params: idParams } },
    async (req) => getEmail(ctxOf(req), req.params.id),
  );

  r.post(
    '/emails',
    { schema: { tags, summary: 'Send a message (queued in the outbox)', body: sendEmailBody } },
    async (req, reply) => {
      const email = await sendEmail(ctxOf(req), settings, req.body);
      return reply.status(201).header('location', `/api/v1/emails/${email.id}`).send(email);
    },
  );

  r.post(
    '/emails/:id/retry',
    { schema: { tags, summary: 'Put a failed message back in the queue', params: idParams } },
    async (req) => retryEmail(ctxOf(req), settings, req.params.id),
  );

  r.get('/email-templates', { schema: { tags, summary: 'Email templates' } }, async (req) =>
    listTemplates(ctxOf(req)),
  );
  r.get(
    '/email-templates/:id',
    { schema: { tags, summary: 'One email template', params: idParams } },
    async (req) => getTemplate(ctxOf(req), req.params.id),
  );
  r.post(
    '/email-templates',
    { schema: { tags, summary: 'Create an email template', body: templateBody } },
    async (req, reply) => {
      const t = await createTemplate(ctxOf(req), req.body);
      return reply.status(201).header('location', `/api/v1/email-templates/${t.id}`).send(t);
    },
  );
  r.patch(
    '/email-templates/:id',
    {
      schema: {
        tags,
        summary: 'Edit an email template',
        params: idParams,
        body: templateBody.partial().strict(),
      },
    },
    async (req) => updateTemplate(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/email-templates/:id',
    { schema: { tags, summary: 'Delete an email template', params: idParams } },
    async (req, reply) => {
      await deleteTemplate(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
