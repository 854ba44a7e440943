// One table row → the field values of one record (before relations are resolved): cells coerced by
// their field's type, a whole-name column split, joined text columns, list fields appended, a
// currency column applied to its amount, social-profile columns appended to their field. Every problem
// is kept with its column.
import { type CoerceOptions, coerceCell, type RelationRef } from './coerce/coerceCell';
import { splitFullName } from './coerce/names';
import { coerceSocialProfile, type SocialProfile, sameSocialProfile } from './coerce/socialProfiles';
import type { ColumnMapping } from './autoMap';
import { FULL_NAME } from './headerSynonyms';
import type { ImportField } from './importFields';
import { socialTargetOf } from './socialTargets';
import type { TableRow } from '../../platform/files/tableRows';

export interface RowError {
  row: number;
  column: string | null;
  field: string | null;
  message: string;
}

export interface RowValues {
  row: number;
  /** API field → value; relations still as RelationRef. */
  values: Record<string, unknown>;
  /** Fields whose cells were all empty (cleared on update only with clearEmpty). */
  empty: Set<string>;
  /** Field → the column it came from (the first, for joined columns), for error messages. */
  columnOf: Map<string, string>;
  errors: RowError[];
}

const isCurrencyCode = (c: string) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions().currency === c;
  } catch {
    return false;
  }
};

// A list cell may hold several values: "a@x.com; b@y.com".
const splitList = (text: string) =>
  text
    .split(/[;,\n；，]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function rowValues(
  row: TableRow,
  mapping: readonly ColumnMapping[],
  fields: ReadonlyMap<string, ImportField>,
  opts: CoerceOptions,
): RowValues {
  const out: RowValues = { row: row.row, values: {}, empty: new Set(), columnOf: new Map(), errors: [] };
  const err = (column: string, field: string | null, message: string) =>
    out.errors.push({ row: row.row, column, field, message });
  const texts = new Map<string, string[]>();
  const currencies = new Map<string, string>();

  for (const m of mapping) {
    if (!m.field) continue;
    const cell = row.cells[m.index] ?? '';
    const target = m.field;
    if (cell.includes('\u0000')) {
      err(m.column, target, 'NUL characters are not allowed');
      continue;
    }
    if (target === FULL_NAME) {
      out.columnOf.set('firstName', m.column);
      out.columnOf.set('lastName', m.column);
      if (!cell.trim()) {
        out.empty.add('firstName');
        out.empty.add('lastName');
        continue;
      }
      const { firstName, lastName } = splitFullName(cell);
      if (firstName) out.values.firstName = firstName;
      if (lastName) out.values.lastName = lastName;
      continue;
    }
    if (target.endsWith('.currency')) {
      const money = target.slice(0, -'.currency'.length);
      const code = cell.trim().toUpperCase();
      if (!code) continue;
      const c = code === 'RMB' ? 'CNY' : code;
      if (!isCurrencyCode(c))
        err(m.column, money, `"${cell.trim()}" is not a currency code such as CNY, USD or EUR`);
      else currencies.set(money, c);
      continue;
    }
    const social = socialTargetOf(target, (n) => fields.get(n)?.type);
    if (social) {
      const name = social.field;
      if (!out.columnOf.has(name)) out.columnOf.set(name, m.column);
      if (!cell.trim()) {
        if (!(name in out.values)) out.empty.add(name);
        continue;
      }
      out.empty.delete(name);
      const list = (out.values[name] as SocialProfile[] | undefined) ?? [];
      for (const part of splitList(cell)) {
        const c = coerceSocialProfile(part, social.network);
        if (!c.ok) err(m.column, name, c.message);
        else if (!list.some((x) => sameSocialProfile(x, c.value))) list.push(c.value);
      }
      out.values[name] = list;
      continue;
    }
    const field = fields.get(target);
    if (!field) continue;
    if (!out.columnOf.has(target)) out.columnOf.set(target, m.column);
    if (!cell.trim()) {
      if (!(target in out.values) && !texts.has(target)) out.empty.add(target);
      continue;
    }
    out.empty.delete(target);
    if (field.many) {
      const list = (out.values[target] as unknown[] | undefined) ?? [];
      for (const part of field.type === 'relation' ? [cell] : splitList(cell)) {
        const c = coerceCell(field, part, opts);
        if (!c.ok) err(m.column, target, c.message);
        else if (c.value !== null && !list.some((x) => JSON.stringify(x) === JSON.stringify(c.value)))
          list.push(c.value);
      }
      out.values[target] = list;
      continue;
    }
    if (field.type === 'text' || field.type === 'longText') {
      const list = texts.get(target) ?? [];
      list.push(field.type === 'longText' ? cell.replace(/\s+$/, '') : cell.trim());
      texts.set(target, list);
      continue;
    }
    if (target in out.values) continue; // a second column for a scalar field: the first value wins
    const c = coerceCell(field, cell, opts);
    if (!c.ok) {
      err(m.column, target, c.message);
      continue;
    }
    let v = c.value;
    if (field.type === 'number' && typeof v === 'string') {
      const n = Number(v);
      if (!Number.isFinite(n)) {
        err(m.column, target, `"${cell.trim()}" is too large a number`);
        continue;
      }
      v = n;
    }
    out.values[target] = v;
  }
  for (const [target, parts] of texts) {
    const field = fields.get(target)!;
    out.values[target] = parts.join(field.type === 'longText' ? '\n' : ', ');
  }
  for (const [money, currency] of currencies) {
    const v = out.values[money] as { amount: string; currency: string } | undefined;
    if (v) out.values[money] = { ...v, currency };
  }
  return out;
}

export type { RelationRef };
