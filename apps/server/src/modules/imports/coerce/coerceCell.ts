// One cell's text → the value the record engine stores for a field of the given type. Relations are
// returned as a reference (an id or a name) that the import resolves against the database in bulk.
import { coerceBoolean } from './booleans';
import { coerceDate, coerceDateTime } from './dates';
import { coerceEmail } from './emails';
import { coerceMoney } from './money';
import { coerceNumber } from './numbers';
import { coerceMultiSelect, coerceSelect, type Label, optionIndex, type SelectOption } from './options';
import { coercePhone } from './phones';
import { type Coerced, ok } from './result';
import { coerceUrl } from './urls';

export interface CoercibleField {
  name: string;
  type: string;
  label?: Label;
  options?: SelectOption[];
  relation?: { object: string; many?: boolean } | null;
}

export interface CoerceOptions {
  dayFirst?: boolean;
  decimalSeparator?: '.' | ',';
  timeZone?: string;
  defaultRegion?: string;
  defaultCurrency: string;
}

export interface RelationRef {
  relationRef: true;
  object: string;
  text: string;
}

export const isRelationRef = (v: unknown): v is RelationRef =>
  typeof v === 'object' && v !== null && (v as RelationRef).relationRef === true;

// Option lookups are built once per field definition, not once per cell.
const indexes = new WeakMap<readonly SelectOption[], Map<string, string>>();
function indexFor(options: readonly SelectOption[]): Map<string, string> {
  let idx = indexes.get(options);
  if (!idx) {
    idx = optionIndex(options);
    indexes.set(options, idx);
  }
  return idx;
}
const noOptions: SelectOption[] = [];

/**
 * @returns ok(null) for an empty cell (the field is cleared only when the import says so), the
 * coerced value, or the message for the row error.
 */
export function coerceCell(field: CoercibleField, text: string, opts: CoerceOptions): Coerced<unknown> {
  if (text.trim() === '') return ok(null);
  switch (field.type) {
    case 'text':
    case 'string':
      return ok(text.trim());
    case 'longText':
      return ok(text.replace(/^\s*\n|\s+$/g, ''));
    case 'number':
    case 'integer':
    case 'percent':
      return coerceNumber(text, opts);
    case 'money':
      return coerceMoney(text, opts);
    case 'date':
      return coerceDate(text, opts);
    case 'dateTime':
      return coerceDateTime(text, opts);
    case 'boolean':
      return coerceBoolean(text);
    case 'select': {
      const options = field.options ?? noOptions;
      return coerceSelect(text, options, indexFor(options));
    }
    case 'multiSelect': {
      const options = field.options ?? noOptions;
      return coerceMultiSelect(text, options, indexFor(options));
    }
    case 'email':
      return coerceEmail(text);
    case 'phone':
      return coercePhone(text, opts);
    case 'url':
      return coerceUrl(text);
    case 'relation':
    case 'user':
      return ok({
        relationRef: true,
        object: field.relation?.object ?? 'users',
        text: text.trim(),
      } satisfies RelationRef);
    default:
      return ok(text.trim());
  }
}
