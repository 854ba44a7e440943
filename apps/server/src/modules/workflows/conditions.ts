// Conditions of the process engine (workflow `when`/`previously`, approval entry criteria, scoring
// rules) in the filter syntax of record lists, evaluated in memory against a record snapshot — the
// old and new values an event carries, which are no longer (or not yet) what the table holds.
// Values are coerced exactly as the list query compiler coerces them (tokens like @today included),
// so a condition means the same thing in a saved view and in a workflow.
import Decimal from 'decimal.js';
import type { RecordFilter } from '@rapport/contracts/records';
import { AppError, type FieldError } from '../../platform/errors';
import type { FieldDef, LoadedObject } from '../records/meta/types';
import { coerceValue, type Param } from '../records/query/filterValues';
import type { TokenContext } from '../records/query/tokens';

type Condition = { field: string; op: string; value?: unknown };

const TEXTUAL = new Set(['text', 'longText', 'email', 'phone', 'url', 'select']);
const ORDERED = new Set(['number', 'money', 'date', 'dateTime', 'text', 'email', 'phone', 'url']);
const NO_VALUE = new Set(['isEmpty', 'isNotEmpty']);

function fieldOf(meta: LoadedObject, name: string): FieldDef | undefined {
  // "amount" of a money field compares its amount; a dotted path is a related field, not supported here.
  return meta.byName.get(name);
}

/** Problems with conditions for this object (unknown fields, values that cannot apply), by path. */
export function conditionErrors(
  meta: LoadedObject,
  filters: RecordFilter[],
  path: string,
  tc: TokenContext,
): FieldError[] {
  const errors: FieldError[] = [];
  const check = (c: Condition, p: string) => {
    const f = fieldOf(meta, c.field);
    if (!f) return errors.push({ field: `${p}.field`, message: `${meta.name} has no field ${c.field}` });
    if (NO_VALUE.has(c.op)) return;
    if (['lt', 'lte', 'gt', 'gte', 'between'].includes(c.op) && !ORDERED.has(f.type))
      return errors.push({ field: `${p}.op`, message: `${c.op} does not apply to ${f.type} fields` });
    if ((c.op === 'contains' || c.op === 'startsWith') && !TEXTUAL.has(f.type) && !f.many)
      return errors.push({ field: `${p}.op`, message: `${c.op} applies to text fields` });
    try {
      for (const v of valuesOf(c)) coerceValue(f, `${p}.value`, v, tc);
    } catch (err) {
      if (err instanceof AppError && err.errors) errors.push(...err.errors);
      else throw err;
    }
  };
  for (const [i, f] of filters.entries()) {
    if ('or' in f) for (const [j, g] of f.or.entries()) check(g, `${path}.${i}.or.${j}`);
    else check(f, `${path}.${i}`);
  }
  return errors;
}

function valuesOf(c: Condition): unknown[] {
  if (c.op === 'in' || c.op === 'nin' || c.op === 'between') {
    if (!Array.isArray(c.value) || !c.value.length) return [undefined];
    return c.value;
  }
  return [c.value];
}

/** Whether every filter (an `or` group: any of its conditions) holds for the record's values. */
export function matchesFilters(
  meta: LoadedObject,
  values: Record<string, unknown> | null | undefined,
  filters: RecordFilter[] | undefined,
  tc: TokenContext,
): boolean {
  if (!filters?.length) return true;
  if (!values) return false;
  return filters.every((f) =>
    'or' in f ? f.or.some((g) => holds(meta, values, g, tc)) : holds(meta, values, f, tc),
  );
}

function holds(meta: LoadedObject, values: Record<string, unknown>, c: Condition, tc: TokenContext): boolean {
  const f = fieldOf(meta, c.field);
  if (!f) return false;
  const raw = values[c.field];
  const list = Array.isArray(raw) ? raw : null;
  const empty = raw === null || raw === undefined || raw === '' || (list !== null && list.length === 0);
  if (c.op === 'isEmpty') return empty;
  if (c.op === 'isNotEmpty') return !empty;
  const coerce = (v: unknown, edge: 'start' | 'end' = 'start') => coerceValue(f, c.field, v, tc, edge);
  if (list) {
    const items = list.map((x) => scalarOf(f, x));
    switch (c.op) {
      case 'eq':
      case 'contains':
        return items.some((x) => equal(f, x, coerce(c.value)));
      case 'neq':
        return !items.some((x) => equal(f, x, coerce(c.value)));
      case 'in':
        return (c.value as unknown[]).some((v) => items.some((x) => equal(f, x, coerce(v))));
      case 'nin':
        return !(c.value as unknown[]).some((v) => items.some((x) => equal(f, x, coerce(v))));
      default:
        return false;
    }
  }
  const v = scalarOf(f, raw);
  switch (c.op) {
    case 'eq':
      if (f.type === 'dateTime' && typeof c.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c.value))
        return !empty && cmp(f, v, coerce(c.value, 'start')) >= 0 && cmp(f, v, coerce(c.value, 'end')) <= 0;
      return !empty && equal(f, v, coerce(c.value));
    case 'neq':
      return empty || !equal(f, v, coerce(c.value));
    case 'lt':
      return !empty && cmp(f, v, coerce(c.value, 'start')) < 0;
    case 'lte':
      return !empty && cmp(f, v, coerce(c.value, 'end')) <= 0;
    case 'gt':
      return !empty && cmp(f, v, coerce(c.value, 'end')) > 0;
    case 'gte':
      return !empty && cmp(f, v, coerce(c.value, 'start')) >= 0;
    case 'between': {
      const [lo, hi] = c.value as unknown[];
      return !empty && cmp(f, v, coerce(lo, 'start')) >= 0 && cmp(f, v, coerce(hi, 'end')) <= 0;
    }
    case 'in':
      return !empty && (c.value as unknown[]).some((x) => equal(f, v, coerce(x)));
    case 'nin':
      return empty || !(c.value as unknown[]).some((x) => equal(f, v, coerce(x)));
    case 'contains':
      return !empty && String(v).toLowerCase().includes(String(c.value).toLowerCase());
    case 'startsWith':
      return !empty && String(v).toLowerCase().startsWith(String(c.value).toLowerCase());
    default:
      return false;
  }
}

/** The comparable form of a record value: money's amount, everything else as it comes. */
function scalarOf(f: FieldDef, v: unknown): unknown {
  if (f.type === 'money' && v && typeof v === 'object') return (v as { amount?: unknown }).amount ?? null;
  if (f.type === 'relation' && v && typeof v === 'object') return (v as { id?: unknown }).id ?? null;
  return v;
}

function equal(f: FieldDef, a: unknown, b: Param): boolean {
  if (a === null || a === undefined) return false;
  if (f.type === 'number' || f.type === 'money') return safeDecimal(a)?.eq(String(b)) ?? false;
  if (f.type === 'dateTime') return Date.parse(String(a)) === Date.parse(String(b));
  if (f.type === 'email') return String(a).toLowerCase() === String(b).toLowerCase();
  if (typeof a === 'boolean') return a === b;
  return String(a) === String(b);
}

function cmp(f: FieldDef, a: unknown, b: Param): number {
  if (f.type === 'number' || f.type === 'money') return safeDecimal(a)?.cmp(String(b)) ?? Number.NaN;
  if (f.type === 'dateTime') return Math.sign(Date.parse(String(a)) - Date.parse(String(b)));
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function safeDecimal(v: unknown): Decimal | null {
  try {
    return new Decimal(String(v));
  } catch {
    return null;
  }
}
