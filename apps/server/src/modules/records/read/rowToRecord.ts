// Turns a database row into the API record (camelCase names, money objects, ISO date-times) and
// back: the one place that knows how each storage kind maps to columns.
import type { ApiRecord, FieldDef, LoadedObject } from '../meta/types';

const iso = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

function fromColumn(field: FieldDef, v: unknown): unknown {
  if (v === null || v === undefined) {
    if (field.type === 'moneyTotals' || field.many || field.type === 'socialProfiles') return [];
    return null;
  }
  switch (field.type) {
    case 'dateTime':
      return iso(v);
    case 'number':
      return typeof v === 'string' ? Number(v) : v;
    case 'text':
    case 'select':
      return typeof v === 'string' ? v.trimEnd() : v;
    default:
      return v;
  }
}

export interface RawRow {
  custom: Record<string, unknown>;
  deletedAt: string | null;
  deletedBy: string | null;
  /** Internal columns (email_keys, company_id, …) as read. */
  internal: Record<string, unknown>;
}

export function rowToRecord(
  meta: LoadedObject,
  row: Record<string, unknown>,
): { record: ApiRecord; raw: RawRow } {
  const custom = (row.custom ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { id: row.id, object: meta.name };
  for (const f of meta.fields) {
    const s = f.storage;
    if (s.kind === 'column') out[f.name] = fromColumn(f, row[s.column]);
    else if (s.kind === 'money') {
      const amount = row[s.amount];
      const currency = row[s.currency];
      out[f.name] =
        amount === null || amount === undefined
          ? null
          : { amount: String(amount), currency: typeof currency === 'string' ? currency.trim() : currency };
    } else if (s.kind === 'custom') {
      const v = custom[s.key];
      out[f.name] = v === undefined ? (f.type === 'multiSelect' ? [] : null) : v;
    }
  }
  const internal: Record<string, unknown> = {};
  for (const c of meta.internalColumns ?? []) internal[c] = row[c];
  if (meta.companyColumn) internal[meta.companyColumn] = row[meta.companyColumn];
  return {
    record: out as ApiRecord,
    raw: {
      custom,
      deletedAt: iso(row.deleted_at),
      deletedBy: (row.deleted_by as string | null) ?? null,
      internal,
    },
  };
}

/** Column values for the given API values (fields stored in columns, money, and custom JSON). */
/** The jsonb columns recordToColumns fills with JSON text: `custom` and the list-of-object fields. */
export function jsonColumnsOf(meta: LoadedObject): string[] {
  const cols = ['custom'];
  for (const f of meta.fields)
    if (f.storage.kind === 'column' && (f.type === 'socialProfiles' || f.type === 'moneyTotals'))
      cols.push(f.storage.column);
  return cols;
}

export function recordToColumns(
  meta: LoadedObject,
  values: Record<string, unknown>,
  fields: Iterable<string>,
  baseCustom: Record<string, unknown>,
): { columns: Record<string, unknown>; customChanged: boolean; custom: Record<string, unknown> } {
  const columns: Record<string, unknown> = {};
  const custom = { ...baseCustom };
  let customChanged = false;
  for (const name of fields) {
    const f = meta.byName.get(name);
    if (!f) continue;
    const v = values[name];
    const s = f.storage;
    if (s.kind === 'column') {
      if (f.type === 'socialProfiles' || f.type === 'moneyTotals')
        columns[s.column] = JSON.stringify(v ?? []);
      else if (f.many) columns[s.column] = v ?? [];
      else columns[s.column] = v ?? null;
    } else if (s.kind === 'money') {
      const m = v as { amount: string; currency: string } | null;
      columns[s.amount] = m ? m.amount : null;
      columns[s.currency] = m ? m.currency : null;
    } else if (s.kind === 'custom') {
      customChanged = true;
      if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) delete custom[s.key];
      else custom[s.key] = v;
    }
  }
  return { columns, customChanged, custom };
}
