// JSON bodies: PostgreSQL text cannot hold NUL, so a NUL anywhere in the body is refused with the
// path of the field that carries it instead of failing deep inside a query.
import type { FastifyInstance } from 'fastify';
import { AppError, ValidationError } from '../errors';

function findNul(value: unknown, path: string[]): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findNul(value[i], [...path, String(i)]);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return [...path, k].join('.');
      const p = findNul(v, [...path, k]);
      if (p) return p;
    }
  }
  return null;
}

export function installJsonParser(app: FastifyInstance) {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', 'application/merge-patch+json'],
    { parseAs: 'string' },
    (_req, body, done) => {
      const text = body as string;
      if (text.trim() === '') return done(null, undefined);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        return done(
          new AppError(400, 'Bad Request', `The body is not valid JSON: ${(e as Error).message}`),
          undefined,
        );
      }
      const nulAt = findNul(parsed, []);
      if (nulAt)
        return done(
          new ValidationError([{ field: nulAt, message: 'NUL characters are not allowed' }]),
          undefined,
        );
      done(null, parsed);
    },
  );
}
