// A parsed vCard as one row of named columns, so that vCard files go through the same mapping,
// coercion and matching as CSV and XLSX. Column names are field names: they map to themselves.
import type { Vcard, VcardProperty } from './parseVcard';
import { splitUnescaped, unescapeText } from './parseVcard';

export const vcardColumns = [
  'firstName',
  'lastName',
  'fullName',
  'email',
  'emails',
  'phone',
  'mobile',
  'phones',
  'title',
  'company',
  'address',
  'description',
  'website',
  'birthday',
  'uid',
  'socialProfiles',
] as const;
export type VcardColumn = (typeof vcardColumns)[number];

const types = (p: VcardProperty) => (p.params.TYPE ?? []).map((t) => t.toLowerCase());

/** PREF=1 (4.0) or TYPE=pref (3.0) first, then the order of the card. */
function preferred(props: VcardProperty[]): VcardProperty[] {
  const rank = (p: VcardProperty) => {
    const pref = Number(p.params.PREF?.[0]);
    if (Number.isFinite(pref)) return pref;
    return types(p).includes('pref') ? 0 : 101;
  };
  return [...props].sort((a, b) => rank(a) - rank(b));
}

const text = (p: VcardProperty | undefined) => (p ? unescapeText(p.value).trim() : '');

function bday(raw: string): string {
  const v = raw.trim();
  let m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  // "--0301": a birthday without a year cannot be an all-day date; keep the text out.
  m = /^--(\d{2})-?(\d{2})$/.exec(v);
  return m ? '' : v;
}

/**
 * The main number is the preferred non-mobile one, or the mobile when that is all the card has
 * (so it is never lost on an object without a mobile field); a separate mobile and any further
 * numbers and addresses go to `mobile`, `phones` and `emails` (list fields join with "; ").
 */
export function vcardToColumns(card: Vcard): Record<VcardColumn, string> {
  const all = (name: string) => card.properties.filter((p) => p.name === name);
  const n = all('N')[0];
  const [family = '', given = '', additional = ''] = n
    ? splitUnescaped(n.value, ';').map((x) => unescapeText(x).trim())
    : [];
  const tels = preferred(all('TEL'));
  const isMobile = (p: VcardProperty) =>
    types(p).some((t) => t === 'cell' || t === 'mobile' || t === 'iphone');
  const telValue = (p: VcardProperty | undefined) => text(p).replace(/^tel:/i, '');
  const phone = tels.find((p) => !isMobile(p)) ?? tels.find(isMobile);
  const mobile = tels.find((p) => isMobile(p) && p !== phone);
  const otherTels = tels.filter((p) => p !== phone && p !== mobile);
  const emails = preferred(all('EMAIL'));
  const adr = preferred(all('ADR'))[0];
  let address = '';
  if (adr) {
    const [po = '', ext = '', street = '', locality = '', region = '', code = '', country = ''] =
      splitUnescaped(adr.value, ';').map((x) => unescapeText(x).trim().replace(/\n+/g, ', '));
    address = [po, ext, street, locality, region, code, country].filter(Boolean).join(', ');
    if (!address && adr.params.LABEL?.[0]) address = adr.params.LABEL[0].replace(/\n+/g, ', ');
  }
  const org = all('ORG')[0];
  return {
    firstName: [given, additional].filter(Boolean).join(' '),
    lastName: family,
    fullName: text(all('FN')[0]),
    email: text(emails[0]),
    emails: emails.slice(1).map(text).filter(Boolean).join('; '),
    phone: telValue(phone),
    mobile: telValue(mobile),
    phones: otherTels.map(telValue).filter(Boolean).join('; '),
    title: text(all('TITLE')[0]) || text(all('ROLE')[0]),
    company: org ? unescapeText(splitUnescaped(org.value, ';')[0] ?? '').trim() : '',
    address,
    description: all('NOTE').map(text).filter(Boolean).join('\n'),
    website: text(preferred(all('URL'))[0]),
    birthday: bday(text(all('BDAY')[0])),
    uid: text(all('UID')[0]).replace(/^urn:uuid:/i, ''),
    // "linkedin: https://…; wechat: wx_id", the form a social-profiles column takes in any import.
    socialProfiles: all('X-SOCIALPROFILE')
      .map((p) => {
        const value = text(p);
        const network = types(p).find((t) => t !== 'pref') ?? 'other';
        return value ? `${network}: ${value.replace(/;/g, ',')}` : '';
      })
      .filter(Boolean)
      .join('; '),
  };
}
