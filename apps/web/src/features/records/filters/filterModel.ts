// Which filter operators make sense for which field type, what a complete filter looks like, and
// how filters travel in a shareable URL. Pure functions: the builder UI and the tests share them.
// A filter is a condition or an "or" group of conditions (built-in views use groups).
import type { FieldMeta, Filter, FilterOp, ListFilter, SortSpec } from '@rapport/contracts/apiTypes';
import { isGroup } from '@rapport/contracts/apiTypes';

const textOps: FilterOp[] = ['contains', 'eq', 'neq', 'startsWith', 'isEmpty', 'isNotEmpty'];
const numberOps: FilterOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'isEmpty', 'isNotEmpty'];
const dateOps: FilterOp[] = ['eq', 'lt', 'lte', 'gt', 'gte', 'between', 'isEmpty', 'isNotEmpty'];
const choiceOps: FilterOp[] = ['in', 'nin', 'isEmpty', 'isNotEmpty'];

export function opsFor(field: Pick<FieldMeta, 'type'>): FilterOp[] {
  switch (field.type) {
    case 'number':
    case 'money':
      return numberOps;
    case 'date':
    case 'dateTime':
      return dateOps;
    case 'boolean':
      return ['eq'];
    case 'select':
    case 'multiSelect':
      return choiceOps;
    case 'relation':
      return ['eq', 'neq', 'isEmpty', 'isNotEmpty'];
    default:
      return textOps;
  }
}

export const needsNoValue = (op: FilterOp) => op === 'isEmpty' || op === 'isNotEmpty';

export function defaultFilter(field: FieldMeta): Filter {
  const op = opsFor(field)[0]!;
  return { field: field.name, op, value: field.type === 'boolean' ? true : op === 'in' ? [] : '' };
}

/** The value a filter starts with when its operator changes (a range needs two ends, a list a list). */
export function valueForOp(op: FilterOp, field: FieldMeta, previous: unknown): unknown {
  if (needsNoValue(op)) return undefined;
  if (op === 'between') return Array.isArray(previous) && previous.length === 2 ? previous : ['', ''];
  if (op === 'in' || op === 'nin') return Array.isArray(previous) ? previous : previous ? [previous] : [];
  if (field.type === 'boolean') return typeof previous === 'boolean' ? previous : true;
  return Array.isArray(previous) ? (previous[0] ?? '') : (previous ?? '');
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== '';

export function isComplete(f: ListFilter): boolean {
  if (isGroup(f)) return f.or.length > 0 && f.or.every(isComplete);
  if (needsNoValue(f.op)) return true;
  if (f.op === 'between') return Array.isArray(f.value) && f.value.length === 2 && f.value.every(filled);
  if (f.op === 'in' || f.op === 'nin') return Array.isArray(f.value) && f.value.length > 0;
  return filled(f.value);
}

function toApiCondition(f: Filter, fields: FieldMeta[]): Filter {
  const field = fields.find((x) => x.name === f.field);
  if (needsNoValue(f.op)) return { field: f.field, op: f.op };
  let value = f.value;
  const token = (v: unknown) => typeof v === 'string' && v.startsWith('@');
  if (field?.type === 'number')
    value = Array.isArray(value)
      ? value.map((v) => (token(v) ? v : Number(v)))
      : token(value)
        ? value
        : Number(value);
  if (field?.type === 'money') value = Array.isArray(value) ? value.map(String) : String(value);
  return { field: f.field, op: f.op, value };
}

/** What the API receives: complete filters only, numbers as numbers, money amounts as strings. */
export function toApiFilters(filters: ListFilter[], fields: FieldMeta[]): ListFilter[] {
  return filters
    .filter(isComplete)
    .map((f) =>
      isGroup(f) ? { or: f.or.map((c) => toApiCondition(c, fields)) } : toApiCondition(f, fields),
    );
}

// URL form: ?f=<base64url JSON> keeps links short-ish, copy-pasteable and safe in any chat app.
type Packed = [string, FilterOp, unknown?] | { or: Packed[] };

function pack(f: ListFilter): Packed {
  return isGroup(f)
    ? { or: f.or.map(pack) }
    : f.value === undefined
      ? [f.field, f.op]
      : [f.field, f.op, f.value];
}

function unpack(x: unknown): ListFilter | null {
  if (Array.isArray(x) && typeof x[0] === 'string' && typeof x[1] === 'string')
    return x.length > 2 && x[2] !== undefined
      ? { field: x[0], op: x[1] as FilterOp, value: x[2] }
      : { field: x[0], op: x[1] as FilterOp };
  if (x && typeof x === 'object' && Array.isArray((x as { or?: unknown }).or)) {
    const or = ((x as { or: unknown[] }).or.map(unpack).filter(Boolean) as ListFilter[]).filter(
      (c): c is Filter => !isGroup(c),
    );
    return or.length ? { or } : null;
  }
  return null;
}

export function encodeFilters(filters: ListFilter[]): string {
  if (!filters.length) return '';
  const bytes = new TextEncoder().encode(JSON.stringify(filters.map(pack)));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeFilters(s: string | null): ListFilter[] {
  if (!s) return [];
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const arr = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    if (!Array.isArray(arr)) return [];
    return arr.map(unpack).filter((f): f is ListFilter => f !== null);
  } catch {
    return []; // A mangled link shows the unfiltered list rather than an error page.
  }
}

export function encodeSort(sort: SortSpec[]): string {
  return sort.map((s) => (s.direction === 'desc' ? '-' : '') + s.field).join(',');
}

export function decodeSort(s: string | null): SortSpec[] {
  if (!s) return [];
  return s
    .split(',')
    .filter(Boolean)
    .map((part) =>
      part.startsWith('-')
        ? { field: part.slice(1), direction: 'desc' as const }
        : { field: part, direction: 'asc' as const },
    );
}
