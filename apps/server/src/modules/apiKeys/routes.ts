import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { displayName } from '../users/userFields';
import { idParams } from '../users/schemas';
import { issueApiKey, listApiKeys, revokeApiKey } from './apiKeys';

const createBody = z.object({ name: displayName(100) }).strict();
const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    after: z.string().max(2000).optional(),
    userId: z.uuid('Must be an id').optional(),
  })
  .strict();

export const apiKeyRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['api keys'];

  r.post(
    '/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key acting as you; the token is shown only in this answer',
        body: createBody,
      },
    },
    async (req, reply) => {
      const key = await issueApiKey(ctxOf(req), req.body.name);
      return reply.status(201).header('location', `/api/v1/api-keys/${key.id}`).send(key);
    },
  );

  r.get(
    '/api-keys',
    {
      schema: {
        tags,
        summary: 'Your active API keys (everyone’s with manageApiKeys); never the token',
        querystring: listQuery,
      },
    },
    async (req) => listApiKeys(ctxOf(req), req.query),
  );

  r.delete(
    '/api-keys/:id',
    { schema: { tags, summary: 'Revoke an API key at once', params: idParams } },
    async (req, reply) => {
      await revokeApiKey(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
