// The regions the upload step offers for phone numbers written without a country code. Without a
// choice the server takes the workspace's time zone (or currency), which for an install left at
// UTC/USD reads a mainland mobile such as 138 0013 8000 as a +1 number: the choice lets the person
// who knows where the file comes from say so. Names come from the browser (Intl), in the UI language.
import type { Locale } from '@rapport/contracts/apiTypes';

// The regions the server recognises from a time zone, plus the rest of East and South-East Asia.
const CODES = [
  'CN',
  'HK',
  'MO',
  'TW',
  'JP',
  'KR',
  'SG',
  'MY',
  'TH',
  'VN',
  'ID',
  'PH',
  'IN',
  'AE',
  'GB',
  'IE',
  'DE',
  'FR',
  'ES',
  'IT',
  'NL',
  'CH',
  'AT',
  'SE',
  'RU',
  'US',
  'CA',
  'MX',
  'BR',
  'AU',
  'NZ',
];

export function phoneRegions(locale: Locale): { value: string; label: string }[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: 'region' });
  } catch {
    // A browser without DisplayNames: the codes themselves are still a usable list.
  }
  return CODES.map((code) => {
    const name = names?.of(code);
    return { value: code, label: name && name !== code ? `${name} (${code})` : code };
  }).sort((a, b) => a.label.localeCompare(b.label, locale));
}
