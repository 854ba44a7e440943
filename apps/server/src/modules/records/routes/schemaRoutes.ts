// /api/v1/schema/objects: what every object and field is (for forms, filters and imports), and
// the admin's changes to custom objects and fields.
import {
  createFieldSchema,
  createObjectSchema,
  updateFieldSchema,
  updateObjectSchema,
} from '@rapport/contracts/records';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import { getObjectMeta, listObjects } from '../meta/presentMeta';
import { createField, retireField, updateField } from '../schema/customFields';
import { pageLayoutSchema, saveLayout } from '../schema/pageLayouts';
import { createObject, retireObject, updateObject } from '../schema/customObjects';

const tags = ['schema'];
const objectParams = z.object({ object: z.string().min(1).max(64) }).strict();
const fieldParams = z.object({ object: z.string().min(1).max(64), name: z.string().min(1).max(64) }).strict();

export const schemaRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/schema/objects',
    { schema: { tags, summary: 'Every object the caller can read, with its fields' } },
    async (req) => ({
      data: await listObjects(ctxOf(req)),
    }),
  );
  r.get(
    '/schema/objects/:object',
    { schema: { tags, summary: 'One object with its fields', params: objectParams } },
    async (req) => getObjectMeta(ctxOf(req), req.params.object),
  );
  r.post(
    '/schema/objects',
    { schema: { tags, summary: 'Create a custom object', body: createObjectSchema } },
    async (req, reply) => {
      const o = await createObject(ctxOf(req), req.body);
      reply.header('location', `/api/v1/schema/objects/${o.name}`);
      return reply.status(201).send(o);
    },
  );
  r.patch(
    '/schema/objects/:object',
    { schema: { tags, summary: 'Relabel a custom object', params: objectParams, body: updateObjectSchema } },
    async (req) => updateObject(ctxOf(req), req.params.object, req.body),
  );
  r.delete(
    '/schema/objects/:object',
    { schema: { tags, summary: 'Retire a custom object', params: objectParams } },
    async (req, reply) => {
      await retireObject(ctxOf(req), req.params.object);
      return reply.status(204).send();
    },
  );
  r.put(
    '/schema/objects/:object/layout',
    {
      schema: {
        tags,
        summary: "Replace the record page's sections (fields left out show under Other)",
        params: objectParams,
        body: pageLayoutSchema,
      },
    },
    async (req) => saveLayout(ctxOf(req), req.params.object, req.body),
  );
  r.post(
    '/schema/objects/:object/fields',
    { schema: { tags, summary: 'Add a custom field', params: objectParams, body: createFieldSchema } },
    async (req, reply) => reply.status(201).send(await createField(ctxOf(req), req.params.object, req.body)),
  );
  r.patch(
    '/schema/objects/:object/fields/:name',
    {
      schema: {
        tags,
        summary: 'Edit a custom field (name and type never change)',
        params: fieldParams,
        body: updateFieldSchema,
      },
    },
    async (req) => updateField(ctxOf(req), req.params.object, req.params.name, req.body),
  );
  r.delete(
    '/schema/objects/:object/fields/:name',
    { schema: { tags, summary: 'Retire a custom field (values are kept)', params: fieldParams } },
    async (req, reply) => {
      await retireField(ctxOf(req), req.params.object, req.params.name);
      return reply.status(204).send();
    },
  );
};
