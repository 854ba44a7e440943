// Checks a create or update body against the object's metadata before anything is written:
// unknown fields, system and read-only fields, and every value by its type. All problems are
// reported at once, one entry per field.

import type { Ctx } from '../../../platform/context';
import { type FieldError, ValidationError } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import { checkFieldValue, isEmptyValue } from '../meta/fieldValues';
import type { LoadedObject } from '../meta/types';
import { fieldAccess } from '../meta/fieldAccess';

export interface ValidInput {
  values: Record<string, unknown>;
  given: Set<string>;
  /** A client-made id on create (offline clients, idempotent imports). */
  id?: string;
}

export function validateInput(
  ctx: Ctx,
  meta: LoadedObject,
  input: unknown,
  op: 'create' | 'update',
  prefix = '',
): ValidInput {
  const p = (f: string) => (prefix ? `${prefix}.${f}` : f);
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new ValidationError([{ field: prefix || '(body)', message: 'Send the record as a JSON object' }]);
  const errors: FieldError[] = [];
  const values: Record<string, unknown> = {};
  const given = new Set<string>();
  let id: string | undefined;
  for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
    if (name === 'id' && op === 'create') {
      if (!isUuid(raw)) errors.push({ field: p('id'), message: 'A client-made id must be a UUID' });
      else id = raw.toLowerCase();
      continue;
    }
    const f = meta.byName.get(name);
    const access = f ? fieldAccess(ctx.actor, meta.name, name) : 'hidden';
    if (!f || access === 'hidden') {
      errors.push({ field: p(name), message: 'Unknown field' });
      continue;
    }
    if (f.system) {
      errors.push({ field: p(name), message: 'This field is set by the system' });
      continue;
    }
    if (access === 'readOnly') {
      errors.push({ field: p(name), message: 'This field is read-only for you' });
      continue;
    }
    if (f.createOnly && op === 'update') {
      errors.push({ field: p(name), message: 'This field cannot be changed after creation' });
      continue;
    }
    const checked = checkFieldValue(f, raw, meta.workspace.currency);
    if (!checked.ok) {
      errors.push({ field: p(name), message: checked.message });
      continue;
    }
    values[name] = checked.value;
    given.add(name);
  }
  if (errors.length) throw new ValidationError(errors);
  return { values, given, id };
}

/** Required fields that are empty after defaults and hooks ran. */
export function missingRequired(
  meta: LoadedObject,
  next: Record<string, unknown>,
  only?: Set<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const f of meta.fields) {
    if (!f.required || f.system) continue;
    if (only && !only.has(f.name)) continue;
    if (isEmptyValue(next[f.name])) errors.push({ field: f.name, message: 'This field is required' });
  }
  return errors;
}
