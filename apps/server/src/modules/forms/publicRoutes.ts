// The public web-form endpoint POST /f/{formId}: no sign-in, any origin (config.public), plain HTML
// form posts or JSON, rate limited per address and per form. A browser gets a thank-you page (or the
// form's redirect); an error page names the fields to fix. Registered at the root, outside /api/v1.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { RateLimiter } from '../../platform/http/rateLimit';
import { publicPage } from '../email/publicPage';
import { installUrlencodedParser } from '../email/urlencoded';
import { submitForm } from './submitForm';

const params = z.object({ formId: z.string().min(1).max(100) }).strict();

async function formRoutes(app: FastifyInstance) {
  installUrlencodedParser(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const byIp = new RateLimiter(20, 60_000);
  const byForm = new RateLimiter(600, 60_000);
  r.post(
    '/f/:formId',
    { schema: { tags: ['forms'], summary: 'Submit a web form (public)', params }, config: { public: true } },
    async (req: FastifyRequest<{ Params: { formId: string } }>, reply: FastifyReply) => {
      const browser = String(req.headers['content-type'] ?? '').startsWith(
        'application/x-www-form-urlencoded',
      );
      try {
        byIp.hit(`f:${req.ip}`, 'Too many submissions; wait a minute');
        byForm.hit(`form:${req.params.formId}`, 'This form is busy; try again in a minute');
        const result = await submitForm(app.store.db, req.params.formId, req.body);
        if (!browser) return reply.status(201).send({ ok: true, message: result.message });
        if (result.redirectUrl) return reply.redirect(result.redirectUrl, 303);
        return reply.type('text/html; charset=utf-8').send(
          publicPage(
            { en: 'Thank you', zh: '谢谢' },
            {
              en: result.message?.en ?? 'We received your details and will be in touch soon.',
              zh: result.message?.['zh-CN'] ?? '我们已收到您的信息，会尽快与您联系。',
            },
          ),
        );
      } catch (err) {
        if (!browser || !(err instanceof AppError)) throw err;
        const fields = (err.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
        if (err.headers) for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
        return reply
          .status(err.status)
          .type('text/html; charset=utf-8')
          .send(
            publicPage(
              { en: 'Please check the form', zh: '请检查表单' },
              {
                en: `${err.message}${fields ? ` (${fields})` : ''}`,
                zh: `提交未成功：${fields || err.message}`,
              },
            ),
          );
      }
    },
  );
}

export const formPublicRoutes = fp(async (app) => {
  await app.register(formRoutes);
});
