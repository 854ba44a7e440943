// Web forms: definitions, submissions land through the public /f/{formId} (publicRoutes.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { mailSettings } from '../../platform/mail/settings';
import { createForm, deleteForm, embedSnippet, formBody, getForm, listForms } from './manageForms';

const idParams = z.object({ id: z.string().uuid() }).strict();
const tags = ['forms'];

export const formRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const mail = mailSettings(app.config);
  r.get('/forms', { schema: { tags, summary: 'Web forms' } }, async (req) => listForms(ctxOf(req)));
  r.post('/forms', { schema: { tags, summary: 'Create a web form', body: formBody } }, async (req, reply) =>
    reply.status(201).send(await createForm(ctxOf(req), req.body)),
  );
  r.get('/forms/:id', { schema: { tags, summary: 'One web form', params: idParams } }, async (req) =>
    getForm(ctxOf(req), req.params.id),
  );
  r.get(
    '/forms/:id/embed',
    { schema: { tags, summary: 'HTML snippet to paste into a website', params: idParams } },
    async (req) => embedSnippet(ctxOf(req), mail, req.params.id),
  );
  r.delete(
    '/forms/:id',
    { schema: { tags, summary: 'Switch a form off', params: idParams } },
    async (req, reply) => {
      await deleteForm(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
