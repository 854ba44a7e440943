// The `filters` query parameter of GET endpoints that answer for a list view (export, board
// totals): the list's filter tree — conditions and `or` groups, exactly the `filters` of
// POST /objects/{object}/search — as JSON, since flat `field[op]=value` keys cannot say "or".
import { filterConditionSchema, filterSchema, type RecordFilter } from '@rapport/contracts/records';
import { z } from 'zod';
import { fieldError, ValidationError } from '../../platform/errors';

const filtersSchema = z.array(filterSchema).max(50, 'At most 50 filters');
/** A URL stays well under the 16 KB a request line may take. */
export const MAX_FILTERS_PARAM = 8000;

export function parseFiltersParam(raw: unknown): RecordFilter[] {
  if (raw === undefined) return [];
  if (Array.isArray(raw)) throw fieldError('filters', 'Give this parameter once');
  const text = String(raw);
  if (text.length > MAX_FILTERS_PARAM) throw fieldError('filters', `At most ${MAX_FILTERS_PARAM} characters`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fieldError('filters', 'Send the filters as a JSON array, as in POST …/search');
  }
  const parsed = filtersSchema.safeParse(json);
  if (!parsed.success && Array.isArray(json) && json.length <= 50) {
    // A union's error only says "invalid input": name the part at fault of the shape meant.
    const issues = json.flatMap((item, i) => {
      const group = item && typeof item === 'object' && 'or' in item;
      const one = (group ? filterSchema : filterConditionSchema).safeParse(item);
      return one.success
        ? []
        : one.error.issues.map((is) => ({ path: [i, ...is.path], message: is.message }));
    });
    if (issues.length)
      throw new ValidationError(
        issues.map((i) => ({ field: ['filters', ...i.path.map(String)].join('.'), message: i.message })),
      );
  }
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        field: ['filters', ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    );
  return parsed.data;
}
