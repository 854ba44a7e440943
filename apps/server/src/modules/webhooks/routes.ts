// Webhooks: subscriptions (admins), their delivery log, a test ping and manual redelivery.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { pageQuery } from '../../platform/dispatch/pages';
import { getDelivery, listDeliveries, pingWebhook, redeliver } from './deliveries';
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, updateWebhook } from './manageWebhooks';
import { targetPolicy } from './urlGuard';
import { createWebhookBody, updateWebhookBody } from './webhookBody';
import './fanOut';
import './deliverWebhooks';

const idParams = z.object({ id: z.string().uuid() }).strict();
const deliveryParams = z.object({ id: z.string().uuid(), deliveryId: z.string().uuid() }).strict();
const tags = ['webhooks'];

export const webhookRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const policy = targetPolicy(app.config);

  r.get('/webhooks', { schema: { tags, summary: 'Webhook subscriptions' } }, async (req) =>
    listWebhooks(ctxOf(req)),
  );
  r.post(
    '/webhooks',
    {
      schema: {
        tags,
        summary: 'Subscribe a URL to events (the secret is returned once)',
        body: createWebhookBody,
      },
    },
    async (req, reply) => {
      const w = await createWebhook(ctxOf(req), req.body, policy);
      return reply.status(201).header('location', `/api/v1/webhooks/${w.id}`).send(w);
    },
  );
  r.get('/webhooks/:id', { schema: { tags, summary: 'One subscription', params: idParams } }, async (req) =>
    getWebhook(ctxOf(req), req.params.id),
  );
  r.patch(
    '/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change a subscription; active: true re-enables a disabled one',
        params: idParams,
        body: updateWebhookBody,
      },
    },
    async (req) => updateWebhook(ctxOf(req), req.params.id, req.body, policy),
  );
  r.delete(
    '/webhooks/:id',
    { schema: { tags, summary: 'Remove a subscription', params: idParams } },
    async (req, reply) => {
      await deleteWebhook(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Delivery log, newest first',
        params: idParams,
        querystring: z
          .object({ status: z.enum(['pending', 'succeeded', 'failed']).optional(), ...pageQuery })
          .strict(),
      },
    },
    async (req) => listDeliveries(ctxOf(req), req.params.id, req.query),
  );
  r.get(
    '/webhooks/:id/deliveries/:deliveryId',
    { schema: { tags, summary: 'One delivery with its body and the answer', params: deliveryParams } },
    async (req) => getDelivery(ctxOf(req), req.params.id, req.params.deliveryId),
  );
  r.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    { schema: { tags, summary: 'Send a finished delivery again', params: deliveryParams } },
    async (req) => redeliver(ctxOf(req), req.params.id, req.params.deliveryId),
  );
  r.post(
    '/webhooks/:id/ping',
    { schema: { tags, summary: 'Queue a test delivery', params: idParams } },
    async (req, reply) => reply.status(202).send(await pingWebhook(ctxOf(req), req.params.id)),
  );
};
