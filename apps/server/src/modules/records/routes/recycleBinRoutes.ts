// /api/v1/recycle-bin: deleted records the caller may restore, restore, and permanent deletion.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import { listRecycleBin } from '../recycleBin/listRecycleBin';
import { purgeRecord } from '../recycleBin/purgeRecord';
import { restoreRecord } from '../write/deleteRecord';

const tags = ['recycle bin'];
const params = z.object({ object: z.string().min(1).max(64), id: z.string().min(1).max(100) }).strict();

export const recycleBinRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/recycle-bin',
    {
      schema: {
        tags,
        summary: 'Deleted records, newest first (purged after the workspace retention period)',
        querystring: z
          .object({
            object: z.string().max(64).optional(),
            limit: z
              .string()
              .regex(/^\d{1,3}$/)
              .optional(),
            after: z.string().max(2000).optional(),
          })
          .strict(),
      },
    },
    async (req) =>
      listRecycleBin(ctxOf(req), {
        object: req.query.object,
        limit: req.query.limit ? Number(req.query.limit) : undefined,
        after: req.query.after,
      }),
  );
  r.post(
    '/recycle-bin/:object/:id/restore',
    { schema: { tags, summary: 'Restore a deleted record', params } },
    async (req) => restoreRecord(ctxOf(req), req.params.object, req.params.id),
  );
  r.delete(
    '/recycle-bin/:object/:id',
    { schema: { tags, summary: 'Delete a record permanently', params } },
    async (req, reply) => {
      await purgeRecord(ctxOf(req), req.params.object, req.params.id);
      return reply.status(204).send();
    },
  );
};
