// Every date, time, number and amount the user sees goes through Intl with the current language,
// so "1,234.50" / "¥1,234.50" and "2026年3月1日" come out right without hand-made patterns.
import type { Locale, LocalizedText, Money } from '@rapport/contracts/apiTypes';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f as never);
  }
  return f;
}

export function formatNumber(value: number | string | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  return cached(`n:${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 6 })).format(n);
}

/** Amounts are decimal strings; Intl formats them without going through a float (ES2023 strings). */
export function formatMoney(
  m: Money | null | undefined,
  locale: Locale,
  opts: { compact?: boolean } = {},
): string {
  if (!m || m.amount === undefined || m.amount === null || m.amount === '') return '';
  const key = `m:${locale}:${m.currency}:${opts.compact ? 1 : 0}`;
  try {
    const f = cached(
      key,
      () =>
        new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: m.currency,
          ...(opts.compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
        }),
    );
    // Intl.NumberFormat#format accepts a decimal string exactly (no float rounding of cents).
    return f.format(m.amount as unknown as number);
  } catch {
    return `${m.amount} ${m.currency}`;
  }
}

/** An all-day date "YYYY-MM-DD" is shown as that calendar day, never shifted by a time zone. */
export function formatDate(value: string | null | undefined, locale: Locale): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return formatDateTime(value, locale);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return cached(
    `d:${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
  ).format(d);
}

export function formatDateTime(value: string | null | undefined, locale: Locale, timeZone?: string): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  try {
    return cached(
      `dt:${locale}:${timeZone ?? ''}`,
      () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
    ).format(d);
  } catch {
    return d.toISOString();
  }
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

export function formatRelative(value: string | null | undefined, locale: Locale, now = Date.now()): string {
  if (!value) return '';
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) return value;
  const diff = (t - now) / 1000;
  const f = cached(`r:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  for (const [unit, secs] of units)
    if (Math.abs(diff) >= secs) return f.format(Math.round(diff / secs), unit);
  return f.format(Math.round(diff / 60), 'minute');
}

/** Labels from metadata come as {en, zh-CN}; fall back to English, then to anything present. */
export function localized(text: string | LocalizedText | null | undefined, locale: Locale): string {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return text[locale] || text.en || Object.values(text).find(Boolean) || '';
}

/** Today's date as YYYY-MM-DD in the given time zone (for "due today", close dates). */
export function todayIn(timeZone?: string, now = new Date()): string {
  try {
    const f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const parts: Record<string, string> = {};
    for (const p of f.formatToParts(now)) parts[p.type] = p.value;
    return `${parts.year}-${parts.month}-${parts.day}`;
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** Pipelines and stages carry a plain name and, optionally, labels in both languages. */
export function nameOf(
  x: { name: string | LocalizedText; label?: LocalizedText | null } | undefined,
  locale: Locale,
): string {
  if (!x) return '';
  return (x.label && localized(x.label, locale)) || localized(x.name, locale);
}
