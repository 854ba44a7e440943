// Zod schemas validate every request part; failures become 400 problem+json with one entry per
// field ("body.email" is reported as "email", a query parameter by its name).
import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType } from 'zod';
import { type FieldError, ValidationError } from '../errors';

export function zodIssuesToFieldErrors(
  issues: { path: PropertyKey[]; message: string; code?: string; keys?: string[] }[],
): FieldError[] {
  const out: FieldError[] = [];
  for (const i of issues) {
    const base = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys' && i.keys?.length) {
      for (const k of i.keys) out.push({ field: base ? `${base}.${k}` : k, message: 'Unknown field' });
    } else {
      out.push({ field: base || '(body)', message: i.message });
    }
  }
  return out;
}

export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const where = httpPart === 'body' ? 'body' : httpPart === 'params' ? 'path' : (httpPart ?? 'request');
    return {
      error: new ValidationError(
        zodIssuesToFieldErrors(result.error.issues as never),
        `The request ${where} has invalid fields`,
      ),
    };
  };
