// Validation and normalisation of one field value by its type, for every write (pure functions).
// A value is returned in its canonical API form (money amounts with the currency's decimals,
// date-times in UTC ISO 8601) or refused with a message a person can act on.
import Decimal from 'decimal.js';
import { DateTime } from 'luxon';
import { isUuid } from '../../../platform/ids';
import type { FieldDef } from './types';

export type Checked = { ok: true; value: unknown } | { ok: false; message: string };
const ok = (value: unknown): Checked => ({ ok: true, value });
const bad = (message: string): Checked => ({ ok: false, message });

const currencies = new Set(Intl.supportedValuesOf('currency'));
export const isCurrency = (c: unknown): c is string => typeof c === 'string' && currencies.has(c);

/** Digits after the decimal point a currency uses (CNY 2, JPY 0, KWD 3). */
export function minorUnits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

const AMOUNT_RE = /^-?\d{1,15}(\.\d+)?$/;
const EMAIL_RE = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
// An offset is required: a date-time without one is ambiguous across time zones.
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
export const socialNetworks = [
  'linkedin',
  'x',
  'wechat',
  'weibo',
  'facebook',
  'instagram',
  'github',
  'douyin',
  'xiaohongshu',
  'youtube',
  'other',
] as const;

export function checkMoney(raw: unknown, defaultCurrency: string): Checked {
  if (typeof raw === 'number')
    return bad(
      'Send money as {"amount": "1234.50", "currency": "CNY"} with the amount as a string; a JSON number loses cents',
    );
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return bad('Send money as {"amount": "1234.50", "currency": "CNY"}');
  const { amount, currency, ...rest } = raw as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) return bad(`Unknown money part "${extra[0]}": use amount and currency`);
  if (typeof amount === 'number')
    return bad('The amount must be a string such as "1234.50": a JSON number loses cents');
  if (typeof amount !== 'string' || !AMOUNT_RE.test(amount.trim()))
    return bad('The amount must be a decimal string such as "1234.50"');
  const cur = currency === undefined || currency === null ? defaultCurrency : currency;
  if (!isCurrency(cur)) return bad('The currency must be an ISO 4217 code such as CNY, USD or EUR');
  const d = new Decimal(amount.trim());
  const digits = minorUnits(cur);
  if (d.decimalPlaces() > digits)
    return bad(`${cur} amounts have at most ${digits} decimal place${digits === 1 ? '' : 's'}`);
  return ok({ amount: d.toFixed(digits), currency: cur });
}

export function checkDate(raw: unknown): Checked {
  if (typeof raw !== 'string' || !DATE_RE.test(raw)) return bad('Use a date such as 2025-03-31');
  const d = DateTime.fromISO(raw, { zone: 'utc' });
  if (!d.isValid || d.year < 1000) return bad('This is not a calendar date');
  return ok(raw);
}

export function checkDateTime(raw: unknown): Checked {
  if (typeof raw !== 'string' || !DATE_TIME_RE.test(raw))
    return bad('Use an ISO 8601 date-time with an offset, such as 2025-03-31T09:30:00+08:00');
  const d = DateTime.fromISO(raw, { setZone: true });
  if (!d.isValid || d.year < 1000 || d.year > 9999) return bad('This is not a valid date-time');
  return ok(d.toUTC().toISO());
}

export function checkEmail(raw: unknown): Checked {
  if (typeof raw !== 'string') return bad('Use an email address such as name@example.com');
  const v = raw.trim();
  if (v.length > 320 || !EMAIL_RE.test(v)) return bad('This is not an email address');
  const at = v.lastIndexOf('@');
  return ok(v.slice(0, at) + v.slice(at).toLowerCase());
}

export function checkPhone(raw: unknown): Checked {
  if (typeof raw !== 'string') return bad('Use a phone number such as +86 138 0013 8000');
  const v = raw.trim().replace(/\s+/g, ' ');
  const digits = v.replace(/\D/g, '');
  if (v.length > 50 || !/^[+\d][\d ()./-]*(\s*(x|ext\.?|#)\s*\d{1,6})?$/i.test(v) || digits.length < 3)
    return bad('This is not a phone number');
  return ok(v);
}

export function checkUrl(raw: unknown): Checked {
  if (typeof raw !== 'string' || !raw.trim()) return bad('Use a web address such as https://example.com');
  let v = raw.trim();
  if (!/^[a-z][a-z0-9+.-]*:/i.test(v)) v = `https://${v}`;
  try {
    const u = new URL(v);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname.includes('.') || v.length > 2000)
      return bad('Use an http or https web address');
    return ok(u.toString());
  } catch {
    return bad('This is not a web address');
  }
}

/** A bare host name: "https://www.Acme.com/about" → "acme.com". */
export function checkDomain(raw: unknown): Checked {
  if (typeof raw !== 'string') return bad('Use a domain such as example.com');
  const host = raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/^www\./, '');
  if (!/^(?=.{1,253}$)([\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u.test(host))
    return bad('This is not a domain such as example.com');
  return ok(host);
}

function checkSocialProfiles(raw: unknown): Checked {
  if (!Array.isArray(raw)) return bad('Use a list of {network, handle, url}');
  if (raw.length > 20) return bad('At most 20 social profiles');
  const out: { network: string; handle: string | null; url: string | null }[] = [];
  for (const [i, p] of raw.entries()) {
    if (!p || typeof p !== 'object' || Array.isArray(p))
      return bad(`Profile ${i + 1}: use {network, handle, url}`);
    const { network, handle, url, ...rest } = p as Record<string, unknown>;
    if (Object.keys(rest).length) return bad(`Profile ${i + 1}: unknown part "${Object.keys(rest)[0]}"`);
    if (typeof network !== 'string' || !(socialNetworks as readonly string[]).includes(network))
      return bad(`Profile ${i + 1}: network must be one of ${socialNetworks.join(', ')}`);
    if (handle != null && (typeof handle !== 'string' || handle.length > 200))
      return bad(`Profile ${i + 1}: the handle must be text of at most 200 characters`);
    let cleanUrl: string | null = null;
    if (url != null) {
      const u = checkUrl(url);
      if (!u.ok) return bad(`Profile ${i + 1}: ${u.message}`);
      cleanUrl = u.value as string;
    }
    const h = typeof handle === 'string' && handle.trim() ? handle.trim() : null;
    if (!h && !cleanUrl) return bad(`Profile ${i + 1}: give a handle or a url`);
    out.push({ network, handle: h, url: cleanUrl });
  }
  return ok(out);
}

function checkRelatedTo(raw: unknown): Checked {
  if (!Array.isArray(raw)) return bad('Use a list of {object, id}');
  if (raw.length > 20) return bad('At most 20 related records');
  const seen = new Set<string>();
  const out: { object: string; id: string }[] = [];
  for (const [i, r] of raw.entries()) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) return bad(`Item ${i + 1}: use {object, id}`);
    const { object, id, ...rest } = r as Record<string, unknown>;
    if (Object.keys(rest).length) return bad(`Item ${i + 1}: unknown part "${Object.keys(rest)[0]}"`);
    if (typeof object !== 'string' || !/^[a-z][a-zA-Z0-9]{0,62}$/.test(object))
      return bad(`Item ${i + 1}: object must be an object name such as contacts`);
    if (!isUuid(id)) return bad(`Item ${i + 1}: id must be a record id`);
    const key = `${object}:${id.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ object, id: id.toLowerCase() });
  }
  return ok(out);
}

function checkText(raw: unknown, max: number): Checked {
  if (typeof raw !== 'string') return bad('Use text');
  const v = raw.trim();
  if (v.length > max) return bad(`At most ${max} characters`);
  return ok(v === '' ? null : v);
}

function checkList(raw: unknown, max: number, each: (v: unknown) => Checked): Checked {
  if (!Array.isArray(raw)) return bad('Use a list');
  if (raw.length > max) return bad(`At most ${max} values`);
  const out: unknown[] = [];
  for (const [i, v] of raw.entries()) {
    const c = each(v);
    if (!c.ok) return bad(raw.length > 1 ? `Value ${i + 1}: ${c.message}` : c.message);
    if (c.value !== null && !out.includes(c.value)) out.push(c.value);
  }
  return ok(out);
}

/** Checks one value; null (or an empty string or list) clears the field. */
export function checkFieldValue(field: FieldDef, raw: unknown, defaultCurrency: string): Checked {
  if (raw === null) return ok(null);
  if (raw === undefined) return bad('A value is required (use null to clear the field)');
  const many = field.many || field.relation?.many;
  switch (field.type) {
    case 'text':
      if (field.name === 'domain')
        return typeof raw === 'string' && !raw.trim() ? ok(null) : checkDomain(raw);
      return checkText(raw, field.maxLength ?? 1000);
    case 'longText':
      return checkText(raw, field.maxLength ?? 100_000);
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return bad('Use a number');
      if (field.integer && !Number.isInteger(raw)) return bad('Use a whole number');
      if (field.min !== undefined && raw < field.min) return bad(`At least ${field.min}`);
      if (field.max !== undefined && raw > field.max) return bad(`At most ${field.max}`);
      if (Math.abs(raw) > 1e15) return bad('This number is too large');
      return ok(raw);
    }
    case 'money':
      return checkMoney(raw, defaultCurrency);
    case 'date':
      return checkDate(raw);
    case 'dateTime':
      return checkDateTime(raw);
    case 'boolean':
      return typeof raw === 'boolean' ? ok(raw) : bad('Use true or false');
    case 'select': {
      if (typeof raw !== 'string') return bad('Use one of the options');
      if (raw === '') return ok(null);
      const values = (field.options ?? []).map((o) => o.value);
      return values.includes(raw) ? ok(raw) : bad(`Use one of: ${values.join(', ')}`);
    }
    case 'multiSelect': {
      const values = (field.options ?? []).map((o) => o.value);
      return checkList(raw, 100, (v) =>
        typeof v === 'string' && values.includes(v) ? ok(v) : bad(`Use options from: ${values.join(', ')}`),
      );
    }
    case 'email':
      if (many) return checkList(raw, 20, checkEmail);
      return typeof raw === 'string' && !raw.trim() ? ok(null) : checkEmail(raw);
    case 'phone':
      if (many) return checkList(raw, 20, checkPhone);
      return typeof raw === 'string' && !raw.trim() ? ok(null) : checkPhone(raw);
    case 'url':
      return typeof raw === 'string' && !raw.trim() ? ok(null) : checkUrl(raw);
    case 'relation':
      if (many) return checkList(raw, 100, (v) => (isUuid(v) ? ok(v.toLowerCase()) : bad('Use record ids')));
      return isUuid(raw) ? ok(raw.toLowerCase()) : bad('Use a record id');
    case 'socialProfiles':
      return checkSocialProfiles(raw);
    case 'relatedTo':
      return checkRelatedTo(raw);
    case 'moneyTotals':
      return bad('This value is computed');
  }
}

/** Whether a value counts as empty for `required`. */
export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}
