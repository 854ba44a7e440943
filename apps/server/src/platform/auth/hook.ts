// Resolves the caller on every request (session cookie or Bearer API key) and enforces CSRF:
// a cookie-authenticated mutating request needs the session's X-CSRF-Token, and any mutating
// request from a foreign Origin is refused. Public routes (web forms) opt out with config.public.
// Every /api/v1 route needs a signed-in caller unless it says otherwise (config.public or
// config.allowAnonymous): deny by default, so a route that forgets its access rule is still closed.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden, Unauthorized } from '../errors';
import { apiKeyIdentity, sessionIdentity } from './identity';
import { SESSION_COOKIE, sessionPolicy } from './sessions';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No sign-in needed and cross-origin posts allowed (public web forms, setup, login). */
    public?: boolean;
    /** Skips the CSRF token check (login and setup have no session yet); Origin is still checked. */
    csrfExempt?: boolean;
    /** No sign-in needed, but Origin and (unless csrfExempt) CSRF still apply: login, setup. */
    allowAnonymous?: boolean;
  }
  interface FastifyRequest {
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyInstance {
    /** Every route registered after the auth hook, with its config: tests walk it for access rules. */
    registeredRoutes: RegisteredRoute[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  isPublic: boolean;
  allowAnonymous: boolean;
}

const API_PREFIX = '/api/v1/';

function originAllowed(req: FastifyRequest, publicUrl?: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // Non-browser clients send none; browsers always send it on POST.
  if (origin === 'null') return false;
  const host = req.headers['x-forwarded-host'] ?? req.headers.host;
  const allowed = new Set<string>();
  if (host) {
    allowed.add(`${req.protocol}://${host}`);
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  return allowed.has(origin);
}

export const authHook = fp(async (app: FastifyInstance) => {
  const policy = sessionPolicy(app.config);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  const registered: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registered);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    const cfg = (r.config ?? {}) as { public?: boolean; allowAnonymous?: boolean };
    for (const method of methods) {
      registered.push({
        method,
        url: r.url,
        isPublic: cfg.public === true,
        allowAnonymous: cfg.allowAnonymous === true,
      });
    }
  });

  app.addHook('onSend', async (req, reply) => {
    // Answers about a signed-in user must not linger in shared or browser caches (ASVS V14.3).
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });

  app.addHook('onRequest', async (req) => {
    await resolveCaller(req);
    const cfg = req.routeOptions.config ?? {};
    const route = req.routeOptions.url;
    // Unknown URLs (no route) fall through to the 404 handler.
    if (!req.actor && route?.startsWith(API_PREFIX) && !cfg.public && !cfg.allowAnonymous) {
      throw new Unauthorized();
    }
  });

  async function resolveCaller(req: FastifyRequest): Promise<void> {
    const mutating = !SAFE.has(req.method);
    const cfg = req.routeOptions.config ?? {};
    const db = app.store.db;
    const auth = req.headers.authorization;
    // Bearer tokens are never sent by a browser on its own, so they need no CSRF defence.
    if (
      !auth?.startsWith('Bearer ') &&
      mutating &&
      !cfg.public &&
      !originAllowed(req, app.config.PUBLIC_URL)
    ) {
      throw new Forbidden('Cross-origin request refused');
    }
    if (auth?.startsWith('Bearer ')) {
      const key = await apiKeyIdentity(db, auth.slice(7).trim());
      if (key.status === 'expired') throw new Unauthorized('The API key has expired');
      if (key.status !== 'ok') throw new Unauthorized('The API key is invalid or revoked');
      if (!key.user.active) throw new Unauthorized('The API key belongs to a deactivated user');
      req.actor = key.actor;
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    // Expired, revoked or of a deactivated user: treated as signed out; protected routes answer 401.
    const session = await sessionIdentity(db, policy, token);
    if (!session?.user.active) return;
    if (mutating && !cfg.public && !cfg.csrfExempt && req.headers['x-csrf-token'] !== session.csrfToken) {
      throw new Forbidden('Missing or wrong X-CSRF-Token header');
    }
    req.actor = session.actor;
    req.sessionId = session.sessionId;
    req.csrfToken = session.csrfToken;
  }
});

/** Routes that need a caller call this first (or use ctxOf, which does). */
export function requireActor(req: FastifyRequest) {
  if (!req.actor) throw new Unauthorized();
  return req.actor;
}
