// Plain HTML forms post application/x-www-form-urlencoded (web forms on customers' sites, one-click
// unsubscribe). Parsed only inside the public routes' own context, so the API keeps accepting JSON
// alone. Repeated keys become lists (checkbox groups); NUL characters are refused like in JSON.
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../platform/errors';

export function installUrlencodedParser(app: FastifyInstance, bodyLimit = 64 * 1024) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit },
    (_req, body, done) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(body as string)) {
        if (k.includes('\u0000') || v.includes('\u0000')) {
          return done(
            new ValidationError([
              { field: k.replace(/\u0000/g, ''), message: 'NUL characters are not allowed' },
            ]),
            undefined,
          );
        }
        const prev = out[k];
        out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      done(null, out);
    },
  );
}
