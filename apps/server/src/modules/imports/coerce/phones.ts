// Phone numbers to E.164 (+8613800138000) with the workspace's default region for numbers written
// without a country code ("138 0013 8000", "(415) 555-2671"). An extension is kept after the number.
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { type Coerced, fail, halfWidth, ok } from './result';

export interface PhoneOptions {
  /** ISO 3166 region for national numbers, e.g. CN, US, DE. */
  defaultRegion?: string;
}

const extRe = /\s*(?:;\s*ext=|ext\.?|extension|x|#|转|分机)\s*(\d{1,6})\s*$/i;

export function coercePhone(text: string, opts: PhoneOptions = {}): Coerced<string> {
  const raw = halfWidth(text).trim();
  // Excel turns a long number into 1.38001E+10 when the column was not text: the digits are gone.
  if (/^\d(\.\d+)?e\+\d+$/i.test(raw)) {
    return fail(
      `"${text}" lost its digits in Excel (scientific notation); format the column as text and export again`,
    );
  }
  const ext = extRe.exec(raw)?.[1];
  let s = raw.replace(extRe, '').replace(/^tel:/i, '');
  if (/^00[1-9]/.test(s.replace(/[\s()-]/g, ''))) s = `+${s.replace(/[\s()-]/g, '').slice(2)}`;
  const region = (opts.defaultRegion?.toUpperCase() || undefined) as CountryCode | undefined;
  let parsed = parsePhoneNumberFromString(s, region);
  // "8613800138000": an international number that lost its "+" in a spreadsheet.
  if (!parsed?.isPossible() && /^[1-9]\d{9,14}$/.test(s)) {
    const intl = parsePhoneNumberFromString(`+${s}`);
    if (intl?.isPossible()) parsed = intl;
  }
  if (!parsed?.isPossible()) {
    return fail(
      region
        ? `"${text}" is not a phone number (for numbers outside ${region} start with + and the country code)`
        : `"${text}" is not a phone number; start it with + and the country code`,
    );
  }
  // The record engine's phone format: the number, then " ext. 12" (what people write).
  return ok(ext ? `${parsed.number} ext. ${ext}` : parsed.number);
}
