// One side of a field change on the timeline ("Status: Pending approval → Approved"), shown the way
// the field's type shows it elsewhere: option labels rather than stored values, amounts in their
// currency, calendar days and yes/no in the reader's language.
import type { FieldMeta } from '@rapport/contracts/apiTypes';
import { formatDate, formatDateTime, formatMoney, formatNumber, localized } from '../../i18n/format';

type Locale = 'en' | 'zh-CN';

export function changeValueText(
  field: FieldMeta | undefined,
  value: unknown,
  locale: Locale,
  yesNo: { yes: string; no: string },
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (!value.length) return '—';
    return value
      .map((v) => changeValueText(field && { ...field, type: 'select' }, v, locale, yesNo))
      .join(', ');
  }
  if (typeof value === 'object') {
    const m = value as { amount?: string; currency?: string; name?: string };
    if (m.amount !== undefined && m.currency)
      return formatMoney({ amount: m.amount, currency: m.currency }, locale);
    if (m.amount !== undefined) return String(m.amount);
    if (m.name) return m.name;
    return JSON.stringify(value);
  }
  switch (field?.type) {
    case 'select':
    case 'multiSelect': {
      const opt = field.options?.find((o) => o.value === value);
      return opt ? localized(opt.label, locale) : String(value);
    }
    case 'boolean':
      return value === true || value === 'true' ? yesNo.yes : yesNo.no;
    case 'number':
      return formatNumber(value as number | string, locale);
    case 'date':
      return formatDate(String(value), locale);
    case 'dateTime':
      return formatDateTime(String(value), locale);
    default:
      return String(value);
  }
}
