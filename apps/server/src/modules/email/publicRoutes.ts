// Public pages of email: the unsubscribe link (GET from a mail client, POST for RFC 8058 one-click).
// Registered at the root, outside /api/v1, and open without sign-in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFound } from '../../platform/errors';
import { RateLimiter } from '../../platform/http/rateLimit';
import { publicPage, wantsHtml } from './publicPage';
import { unsubscribeByToken } from './unsubscribe';
import { installUrlencodedParser } from './urlencoded';

const tokenParams = z.object({ token: z.string().min(1).max(600) }).strict();

async function unsubscribeRoutes(app: FastifyInstance) {
  installUrlencodedParser(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limiter = new RateLimiter(60, 60_000);

  const handle = async (req: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
    limiter.hit(`u:${req.ip}`);
    const done = await unsubscribeByToken(app.store.db, req.params.token);
    if (!done) {
      if (wantsHtml(req.headers.accept)) {
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(
            publicPage(
              { en: 'Link not valid', zh: '链接无效' },
              {
                en: 'This unsubscribe link is not valid. Use the link from the latest email.',
                zh: '此退订链接无效，请使用最新邮件中的链接。',
              },
            ),
          );
      }
      throw new NotFound('This unsubscribe link is not valid');
    }
    if (req.method === 'POST' && !wantsHtml(req.headers.accept))
      return { unsubscribed: true, address: done.address };
    return reply.type('text/html; charset=utf-8').send(
      publicPage(
        { en: 'You are unsubscribed', zh: '您已退订' },
        {
          en: `${done.address} will receive no more of these emails.`,
          zh: `${done.address} 将不再收到此类邮件。`,
        },
      ),
    );
  };

  r.get(
    '/u/:token',
    {
      schema: { tags: ['email'], summary: 'Unsubscribe (link in marketing mail)', params: tokenParams },
      config: { public: true },
    },
    handle,
  );
  r.post(
    '/u/:token',
    {
      schema: { tags: ['email'], summary: 'One-click unsubscribe (RFC 8058)', params: tokenParams },
      config: { public: true },
    },
    handle,
  );
}

/** fastify-plugin lifts this out of the /api/v1 prefix; the child keeps its parser to itself. */
export const emailPublicRoutes = fp(async (app) => {
  await app.register(unsubscribeRoutes);
});
