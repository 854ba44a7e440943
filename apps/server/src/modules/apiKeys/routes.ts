import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clock } from '../../platform/clock';
import { ctxOf } from '../../platform/context';
import { fieldError } from '../../platform/errors';
import { displayName } from '../users/userFields';
import { idParams } from '../users/schemas';
import { issueApiKey, listApiKeys, revokeApiKey } from './apiKeys';

// At most two years ahead: a key meant to last longer is one nobody will remember to review.
const MAX_LIFETIME_MS = 2 * 366 * 24 * 3600 * 1000;
const createBody = z
  .object({
    name: displayName(100),
    expiresAt: z.iso
      .datetime({ offset: true, message: 'An ISO 8601 date and time, such as 2027-06-30T00:00:00Z' })
      .optional(),
  })
  .strict();
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
      let expiresAt: Date | null = null;
      if (req.body.expiresAt) {
        expiresAt = new Date(req.body.expiresAt);
        const now = clock.now().getTime();
        if (expiresAt.getTime() <= now) throw fieldError('expiresAt', 'Choose a moment in the future');
        if (expiresAt.getTime() - now > MAX_LIFETIME_MS)
          throw fieldError('expiresAt', 'At most two years ahead');
      }
      const key = await issueApiKey(ctxOf(req), req.body.name, expiresAt);
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
