// Coerces one filter value to what the field's SQL expression compares against: numbers as
// numeric strings, dates as YYYY-MM-DD, date-times as UTC ISO strings, tokens resolved. A value
// that cannot mean anything for the field is a 400 naming the filter.
import Decimal from 'decimal.js';
import { DateTime } from 'luxon';
import { fieldError } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import { checkDate, checkDateTime } from '../meta/fieldValues';
import type { FieldDef } from '../meta/types';
import { isToken, resolveToken, type TokenContext } from './tokens';

export type Param = string | number | boolean;

/** Which edge of a day a bare date stands for when compared with a date-time. */
export type DayEdge = 'start' | 'end';

export function coerceValue(
  field: FieldDef,
  path: string,
  raw: unknown,
  tc: TokenContext,
  edge: DayEdge = 'start',
): Param {
  const fail = (msg: string) => fieldError(path, msg);
  if (raw === null || raw === undefined) throw fail('This filter needs a value');
  if (isToken(raw)) {
    const r = resolveToken(raw, tc);
    if (!r) throw fail(`Unknown value ${raw}`);
    if (r.kind === 'user') {
      if (field.relation?.object !== 'users')
        throw fail(`${raw} only applies to people fields such as ownerId`);
      if (!r.id) throw fail(`${raw} needs a signed-in user`);
      return r.id;
    }
    if (field.type === 'date') return r.at.toISODate()!;
    if (field.type === 'dateTime') return r.at.toUTC().toISO()!;
    throw fail(`${raw} only applies to date fields`);
  }
  switch (field.type) {
    case 'number':
    case 'money': {
      const s = typeof raw === 'number' ? String(raw) : raw;
      if (typeof s !== 'string' || !/^-?\d{1,30}(\.\d{1,20})?$/.test(s.trim()) || !Number.isFinite(Number(s)))
        throw fail('Use a number');
      return new Decimal(s.trim()).toString();
    }
    case 'date': {
      const c = checkDate(raw);
      if (!c.ok) throw fail(c.message);
      return c.value as string;
    }
    case 'dateTime': {
      const d = checkDate(raw);
      if (d.ok) {
        const day = DateTime.fromISO(raw as string, { zone: tc.timeZone });
        const at = edge === 'start' ? day.startOf('day') : day.endOf('day');
        return at.toUTC().toISO()!;
      }
      const c = checkDateTime(raw);
      if (!c.ok) throw fail(c.message);
      return c.value as string;
    }
    case 'boolean':
      if (typeof raw !== 'boolean') throw fail('Use true or false');
      return raw;
    case 'select':
    case 'multiSelect': {
      const values = (field.options ?? []).map((o) => o.value);
      if (typeof raw !== 'string' || !values.includes(raw)) throw fail(`Use one of: ${values.join(', ')}`);
      return raw;
    }
    case 'relation':
      if (!isUuid(raw)) throw fail('Use a record id');
      return raw.toLowerCase();
    default:
      if (field.name === 'id') {
        if (!isUuid(raw)) throw fail('Use a record id');
        return raw.toLowerCase();
      }
      if (typeof raw !== 'string' && typeof raw !== 'number') throw fail('Use text');
      if (String(raw).length > 1000) throw fail('At most 1000 characters');
      return String(raw);
  }
}

export function coerceList(field: FieldDef, path: string, raw: unknown, tc: TokenContext): Param[] {
  if (!Array.isArray(raw) || raw.length === 0) throw fieldError(path, 'Use a non-empty list of values');
  if (raw.length > 500) throw fieldError(path, 'At most 500 values');
  return raw.map((v) => coerceValue(field, path, v, tc));
}
