// Whether an imported value says the same as what a record holds, so that a re-import changes
// nothing: emails ignore case, phones compare their digits (formatting is not a change), money
// compares amounts numerically, date-times compare instants, a social profile is its network and
// handle or address.
import DecimalJs from 'decimal.js';
import { type SocialProfile, sameSocialProfile } from './coerce/socialProfiles';

const digits = (s: string) => s.replace(/\D/g, '');

export function sameValue(type: string, a: unknown, b: unknown): boolean {
  const empty = (v: unknown) =>
    v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  if (empty(a) || empty(b)) return empty(a) && empty(b);
  switch (type) {
    case 'email':
      if (typeof a === 'string' && typeof b === 'string')
        return a.trim().toLowerCase() === b.trim().toLowerCase();
      break;
    case 'phone':
      if (typeof a === 'string' && typeof b === 'string') {
        const da = digits(a);
        const db = digits(b);
        // "+8613800138000" and "138 0013 8000" are one number when one ends with the other.
        return da === db || (da.length >= 7 && db.length >= 7 && (da.endsWith(db) || db.endsWith(da)));
      }
      break;
    case 'money': {
      const ma = a as { amount?: string; currency?: string };
      const mb = b as { amount?: string; currency?: string };
      try {
        return ma.currency === mb.currency && new DecimalJs(ma.amount ?? '0').equals(mb.amount ?? '0');
      } catch {
        return false;
      }
    }
    case 'dateTime':
      if (typeof a === 'string' && typeof b === 'string') return Date.parse(a) === Date.parse(b);
      break;
    case 'number':
      return Number(a) === Number(b);
    case 'socialProfiles':
      // Called with one profile (merging lists) or with whole lists (undo, merge of duplicates).
      if (Array.isArray(a) && Array.isArray(b))
        return a.length === b.length && a.every((x, i) => sameValue(type, x, b[i]));
      if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b))
        return sameSocialProfile(a as SocialProfile, b as SocialProfile);
      break;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A list field after an import: the record's values plus the new ones not already there. */
export function mergedList(type: string, old: unknown, added: unknown[]): unknown[] {
  const list = Array.isArray(old) ? [...old] : [];
  for (const v of added) if (!list.some((x) => sameValue(type, x, v))) list.push(v);
  return list;
}
