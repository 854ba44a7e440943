// GET /search: global search over every object the caller may read.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { globalSearch } from './globalSearch';

// Longer input is refused rather than silently cut: a 10 KB "query" is a paste gone wrong.
export const MAX_Q_LENGTH = 1000;

export const searchQuerystring = z
  .object({
    q: z
      .string()
      .max(MAX_Q_LENGTH, `At most ${MAX_Q_LENGTH} characters`)
      .refine((s) => s.trim().length > 0, 'Type something to search for'),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();

export const searchRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary:
          'Search every object by name, email, phone, domain, Chinese characters, pinyin or initials (typos tolerated)',
        querystring: searchQuerystring,
      },
    },
    async (req) => ({ data: await globalSearch(ctxOf(req), req.query) }),
  );
};
