// POST /api/v1/objects/leads/{id}/convert → {contactId, companyId, dealId}.
import { convertLeadSchema } from '@rapport/contracts/records';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { convertLead } from './convertLead';

export const leadRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/objects/leads/:id/convert',
    {
      schema: {
        tags: ['records'],
        summary: 'Convert a lead into a contact, a company and optionally a deal',
        params: z.object({ id: z.string().min(1).max(100) }).strict(),
        body: convertLeadSchema,
      },
    },
    async (req) => convertLead(ctxOf(req), req.params.id, req.body),
  );
};
