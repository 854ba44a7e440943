// SQL for reading a field: the scalar expression filters and sorts compare (matching the
// expression indexes custom fields get), and the columns a record read selects.
import { type RawBuilder, sql } from 'kysely';
import type { FieldDef, LoadedObject } from '../meta/types';

const KEY_RE = /^[a-z][a-zA-Z0-9]{0,62}$/;

/** A JSON key as an SQL literal: literal, not a parameter, so expression indexes match. */
export function jsonKey(key: string): RawBuilder<string> {
  if (!KEY_RE.test(key)) throw new Error(`Unsafe custom field key ${key}`);
  return sql.raw(`'${key}'`);
}

export const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

/** The comparable expression of a scalar field (money compares its amount). */
export function fieldExpr(field: FieldDef, alias: string): RawBuilder<unknown> {
  const s = field.storage;
  switch (s.kind) {
    case 'column':
      return sql`${ref(alias, s.column)}`;
    case 'money':
      return sql`${ref(alias, s.amount)}`;
    case 'custom':
      return customExpr(field.type, alias, s.key);
    case 'link':
      throw new Error(`Link field ${field.name} has no scalar expression`);
  }
}

/** The expression an index on a custom field is built on (see schema/fieldIndexes.ts). */
export function customExpr(type: string, alias: string | null, key: string): RawBuilder<unknown> {
  const col = alias ? sql`${ref(alias, 'custom')}` : sql.raw('custom');
  const k = jsonKey(key);
  switch (type) {
    case 'number':
      return sql`rapport_num(${col}->>${k})`;
    case 'money':
      return sql`rapport_num(${col}->${k}->>'amount')`;
    case 'multiSelect':
      return sql`(${col}->${k})`;
    default:
      return sql`(${col}->>${k})`;
  }
}

/** The currency part of a money field, for `amount.currency` filters. */
export function currencyExpr(field: FieldDef, alias: string): RawBuilder<unknown> {
  const s = field.storage;
  if (s.kind === 'money') return sql`${ref(alias, s.currency)}`;
  if (s.kind === 'custom') return sql`(${ref(alias, 'custom')}->${jsonKey(s.key)}->>'currency')`;
  throw new Error(`${field.name} is not money`);
}

/** The columns a record read needs; link fields are subqueries the caller adds (linkColumns). */
export function selectColumns(
  meta: LoadedObject,
  alias: string,
  opts: { internal?: boolean } = {},
): RawBuilder<unknown> {
  const cols = new Set<string>(['id', 'version', 'custom', 'deleted_at', 'deleted_by']);
  for (const f of meta.fields) {
    const s = f.storage;
    if (s.kind === 'column') cols.add(s.column);
    else if (s.kind === 'money') {
      cols.add(s.amount);
      cols.add(s.currency);
    }
  }
  if (opts.internal !== false) for (const c of meta.internalColumns ?? []) cols.add(c);
  if (meta.companyColumn) cols.add(meta.companyColumn);
  return sql.join([...cols].map((c) => ref(alias, c)));
}

/** The base condition of every query on an object's table: the workspace (and the custom object). */
export function baseCondition(meta: LoadedObject, alias: string, workspaceId: string): RawBuilder<unknown> {
  if (meta.custom)
    return sql`${ref(alias, 'workspace_id')} = ${workspaceId} AND ${ref(alias, 'object')} = ${meta.name}`;
  return sql`${ref(alias, 'workspace_id')} = ${workspaceId}`;
}
