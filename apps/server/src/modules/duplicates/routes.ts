// Duplicates over HTTP: the list of likely duplicates, the create-form check, merge and its undo.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { checkBody, checkDuplicates } from './checkDuplicates';
import { findDuplicates } from './findDuplicates';
import { mergeBody, mergeRecords } from './mergeRecords';
import { undoMerge } from './undoMerge';

const tags = ['duplicates'];
const objectParams = z.object({ object: z.string().min(1).max(64) }).strict();

export const duplicateRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/objects/:object/duplicates',
    {
      schema: {
        tags,
        summary:
          'Groups of likely duplicates: same email in any case, same phone in any format, similar name at one company',
        params: objectParams,
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            after: z.string().max(2000).optional(),
          })
          .strict(),
      },
    },
    async (req) => findDuplicates(ctxOf(req), req.params.object, req.query),
  );
  r.post(
    '/objects/:object/duplicates/check',
    {
      schema: {
        tags,
        summary: 'Existing records that look like a draft (the create-form warning)',
        params: objectParams,
        body: checkBody,
      },
    },
    async (req) => checkDuplicates(ctxOf(req), req.params.object, req.body),
  );
  r.post(
    '/objects/:object/merge',
    { schema: { tags, summary: 'Merge duplicates into the winner', params: objectParams, body: mergeBody } },
    async (req) => mergeRecords(ctxOf(req), req.params.object, req.body),
  );
  r.post(
    '/merges/:id/undo',
    { schema: { tags, summary: 'Undo a merge', params: z.object({ id: z.string().uuid() }).strict() } },
    async (req) => undoMerge(ctxOf(req), req.params.id),
  );
};
