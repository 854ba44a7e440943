// What a column can be mapped to: the object's writable fields (the server lists them with the
// import) plus the pseudo-targets the server understands — a whole name split into first and last
// name, and the currency part of a money field.
import type { Locale } from '@rapport/contracts/apiTypes';
import type { TFunction } from 'i18next';
import { localized } from '../../i18n/format';
import type { ImportField } from './importApi';

export const FULL_NAME = 'fullName';

export interface Target {
  value: string;
  label: string;
}

export function mappingTargets(fields: readonly ImportField[], locale: Locale, t: TFunction): Target[] {
  const out: Target[] = [];
  const names = new Set(fields.map((f) => f.name));
  if (names.has('firstName') && names.has('lastName') && !names.has(FULL_NAME))
    out.push({ value: FULL_NAME, label: t('imports.fullName') });
  for (const f of fields) {
    const label = localized(f.label, locale) || f.name;
    out.push({ value: f.name, label: f.required ? `${label} *` : label });
    if (f.type === 'money')
      out.push({ value: `${f.name}.currency`, label: t('imports.currencyOf', { field: label }) });
  }
  return out;
}

/** Required fields no column fills (a whole-name column fills first and last name). */
export function unmappedRequired(
  fields: readonly ImportField[],
  mapping: Record<string, string | null>,
): ImportField[] {
  const used = new Set(Object.values(mapping).filter((v): v is string => Boolean(v)));
  if (used.has(FULL_NAME)) used.add('firstName').add('lastName');
  return fields.filter((f) => f.required && !used.has(f.name));
}
