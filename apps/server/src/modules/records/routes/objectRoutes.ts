// /api/v1/objects/{object}…: one set of routes for every object, standard or custom. Each route
// parses, calls one engine function and presents the result; the engine authorises and scopes.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { batchRequestSchema, searchRequestSchema } from '@rapport/contracts/records';
import { ctxOf } from '../../../platform/context';
import { getHistory } from '../history/getHistory';
import { getRecord } from '../read/getRecord';
import { listRecords } from '../read/listRecords';
import { getTimeline, parseTimelineQuery } from '../timeline/getTimeline';
import { batchRecords } from '../write/batchRecords';
import { createRecord } from '../write/createRecord';
import { deleteRecord, restoreRecord } from '../write/deleteRecord';
import { updateRecord } from '../write/updateRecord';
import { parseIfMatch, parseListQuery } from './listQuery';

const objectParams = z.object({ object: z.string().min(1).max(64) }).strict();
const recordParams = z.object({ object: z.string().min(1).max(64), id: z.string().min(1).max(100) }).strict();
const body = z.record(z.string(), z.unknown());
const tags = ['records'];

export const objectRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/objects/:object',
    {
      schema: {
        tags,
        summary: 'List records (keyset-paged; any other query key filters: field=value or field[op]=value)',
        params: objectParams,
        querystring: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
      },
    },
    async (req) => listRecords(ctxOf(req), req.params.object, parseListQuery(req.query)),
  );

  r.post(
    '/objects/:object/search',
    {
      schema: {
        tags,
        summary: 'List records with structured filters',
        params: objectParams,
        body: searchRequestSchema,
      },
    },
    async (req) => listRecords(ctxOf(req), req.params.object, req.body),
  );

  r.post(
    '/objects/:object',
    { schema: { tags, summary: 'Create a record', params: objectParams, body } },
    async (req, reply) => {
      const rec = await createRecord(ctxOf(req), req.params.object, req.body);
      reply
        .header('location', `/api/v1/objects/${req.params.object}/${rec.id}`)
        .header('etag', `"${rec.version}"`);
      return reply.status(201).send(rec);
    },
  );

  r.post(
    '/objects/:object/batch',
    {
      schema: {
        tags,
        summary: 'Create, update and delete up to 100 records, all or nothing',
        params: objectParams,
        body: batchRequestSchema,
      },
    },
    async (req) => batchRecords(ctxOf(req), req.params.object, req.body),
  );

  r.get(
    '/objects/:object/:id',
    { schema: { tags, summary: 'One record (ETag is its version)', params: recordParams } },
    async (req, reply) => {
      const rec = await getRecord(ctxOf(req), req.params.object, req.params.id);
      reply.header('etag', `"${rec.version}"`);
      return rec;
    },
  );

  r.patch(
    '/objects/:object/:id',
    {
      schema: {
        tags,
        summary: 'Update a record (If-Match honoured: 412 when stale)',
        params: recordParams,
        body,
      },
    },
    async (req, reply) => {
      const ifMatch = parseIfMatch(req.headers['if-match']);
      const rec = await updateRecord(ctxOf(req), req.params.object, req.params.id, req.body, { ifMatch });
      reply.header('etag', `"${rec.version}"`);
      return rec;
    },
  );

  r.delete(
    '/objects/:object/:id',
    { schema: { tags, summary: 'Move a record to the recycle bin', params: recordParams } },
    async (req, reply) => {
      const ifMatch = parseIfMatch(req.headers['if-match']);
      await deleteRecord(ctxOf(req), req.params.object, req.params.id, { ifMatch });
      return reply.status(204).send();
    },
  );

  r.post(
    '/objects/:object/:id/restore',
    { schema: { tags, summary: 'Restore a record from the recycle bin', params: recordParams } },
    async (req, reply) => {
      const rec = await restoreRecord(ctxOf(req), req.params.object, req.params.id);
      reply.header('etag', `"${rec.version}"`);
      return rec;
    },
  );

  r.get(
    '/objects/:object/:id/timeline',
    {
      schema: {
        tags,
        summary:
          'Activities, emails, changes and stage moves, newest first (a company includes its contacts and deals)',
        params: recordParams,
        querystring: z
          .object({
            limit: z
              .string()
              .regex(/^\d{1,3}$/)
              .optional(),
            after: z.string().max(2000).optional(),
            kinds: z.string().max(200).optional(),
          })
          .strict(),
      },
    },
    async (req) => getTimeline(ctxOf(req), req.params.object, req.params.id, parseTimelineQuery(req.query)),
  );

  r.get(
    '/objects/:object/:id/history',
    {
      schema: {
        tags,
        summary: 'Field history of one record, newest first',
        params: recordParams,
        querystring: z
          .object({
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
      getHistory(ctxOf(req), req.params.object, req.params.id, {
        limit: req.query.limit ? Number(req.query.limit) : undefined,
        after: req.query.after,
      }),
  );
};
