// Builds the Fastify app: platform plugins first (errors, parsing, security, auth), then each
// domain module under /api/v1, then the web app's static files.
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from './platform/access/actor';
import type { Config } from './platform/config';
import type { Store } from './platform/db/open';
import { newId } from './platform/ids';
import { installJsonParser } from './platform/http/jsonBody';
import { installJsonReply } from './platform/http/jsonReply';
import { installErrorHandling, sendProblem } from './platform/http/problem';
import { zodValidatorCompiler } from './platform/http/validation';
import { authHook } from './platform/auth/hook';
import { modules } from './modules';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    config: Config;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export interface AppDeps {
  config: Config;
  store: Store;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp({ config, store, logger }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.LOG_LEVEL },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: true,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : newId();
    },
    ajv: { customOptions: { coerceTypes: false } },
    routerOptions: { maxParamLength: 200 },
    // Router-level refusals (a path parameter over maxParamLength, a malformed URL) skip the error
    // handler; they still leave as problem+json.
    frameworkErrors: (err, _req, reply) =>
      sendProblem(reply, {
        type: 'about:blank',
        title: err.statusCode === 414 ? 'URI Too Long' : 'Bad Request',
        status: err.statusCode ?? 400,
        detail:
          err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'The URL is not valid',
      }),
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('store', store);
  app.decorate('config', config);
  app.decorateRequest('actor', null);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installJsonParser(app);
  installJsonReply(app);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.COOKIE_SECURE === 'true',
  });
  await app.register(cookie);
  await app.register(authHook);
  await app.register(multipart, { limits: { fileSize: config.UPLOAD_LIMIT_BYTES, files: 1, fields: 20 } });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rapport API',
        version: '1',
        description: 'The HTTP API of Rapport, a self-hostable CRM.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'rapport_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await store.query('select 1');
    return { status: 'ok' };
  });

  for (const mod of modules) await app.register(mod, { prefix: '/api/v1' });

  const indexHtml = path.join(config.webDist, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: config.webDist, prefix: '/', wildcard: false, index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    const isApi = url.startsWith('/api/') || url === '/api' || url.startsWith('/f/') || url === '/healthz';
    if (!isApi && req.method === 'GET' && hasWeb) {
      // Client-side routes (/contacts/123) are the web app's: serve its shell.
      return reply.type('text/html').header('cache-control', 'no-cache').send(fs.createReadStream(indexHtml));
    }
    return sendProblem(reply, {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: `No route for ${req.method} ${url}`,
    });
  });

  return app;
}
