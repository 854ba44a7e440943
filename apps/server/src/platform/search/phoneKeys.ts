// Phone numbers as search keys: digits only, in every form a user may type them, so that
// "+86 138-0013-8000", "8613800138000" and "138 0013 8000" all find the same contact.
import { parsePhoneNumberFromString } from 'libphonenumber-js';

const digitsOf = (s: string): string => s.replace(/\D/g, '');

// "00" is the international call prefix in most of the world (including China): 0086… is +86….
function asInternational(raw: string): string | null {
  const t = raw.trim();
  if (t.startsWith('+')) return t;
  if (/^00[1-9]/.test(digitsOf(t)) && /^[\s(]*00/.test(t)) return '+' + digitsOf(t).slice(2);
  return null;
}

// A record's phones are turned into keys twice on each write (its phone_keys column and its search
// text), and parsing is the costly part of an import row: the last few thousand are remembered.
const remembered = new Map<string, readonly string[]>();
const REMEMBER = 4096;

/** The digit strings stored for one phone number, most complete first. */
export function phoneKeys(raw: string): string[] {
  let keys = remembered.get(raw);
  if (!keys) {
    if (remembered.size >= REMEMBER) remembered.clear();
    keys = keysOf(raw);
    remembered.set(raw, keys);
  }
  return [...keys];
}

function keysOf(raw: string): string[] {
  // Extensions are not part of the number a caller dials first; keep them out of the key.
  const withoutExt = raw.replace(/(?:ext\.?|extension|x|#|转|分机)\s*\d+\s*$/i, '');
  const intl = asInternational(withoutExt);
  if (intl) {
    const parsed = parsePhoneNumberFromString(intl);
    if (parsed) {
      const national = String(parsed.nationalNumber);
      const keys = [parsed.countryCallingCode + national, national];
      // The national format adds the trunk prefix where a country dials one ("020 7946 0958").
      const nationalFormat = digitsOf(parsed.formatNational().replace(/ext\..*$/i, ''));
      if (nationalFormat && !keys.includes(nationalFormat)) keys.push(nationalFormat);
      return keys;
    }
  }
  const digits = digitsOf(intl ?? withoutExt);
  return digits ? [digits] : [];
}

/**
 * What a phone-like query should match: the national number when it carries a country code (a
 * substring of every stored form), else its digits as typed.
 */
export function phoneQuery(raw: string): string {
  const intl = asInternational(raw);
  if (intl) {
    const parsed = parsePhoneNumberFromString(intl);
    if (parsed) return String(parsed.nationalNumber);
    return digitsOf(intl);
  }
  return digitsOf(raw);
}

// Only digits and the punctuation people put between them; at least three digits so that "1-2"
// stays ordinary text.
const PHONE_LIKE_RE = /^[+\d\s\-()./]+$/;
export const isPhoneLike = (s: string): boolean => PHONE_LIKE_RE.test(s) && digitsOf(s).length >= 3;
