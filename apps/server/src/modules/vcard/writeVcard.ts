// vCard 4.0 (RFC 6350) out: one card per contact, lines folded at 75 octets without splitting a
// UTF-8 character, CRLF line ends, text values escaped.
export interface VcardContact {
  id: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
  title?: string | null;
  company?: string | null;
  address?: string | null;
  note?: string | null;
  website?: string | null;
  birthday?: string | null;
  socialProfiles?: { network?: string; handle?: string; url?: string }[] | null;
  updatedAt?: string | null;
}

export const escapeText = (s: string): string =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');

/** Folds a content line: at most 75 octets per physical line, continuation lines start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // the leading space counts
    if (bytes + n > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const stamp = (iso: string) =>
  iso
    .replace(/[-:]/g, '')
    .replace(/\.\d+/, '')
    .replace(/\+0000$|\+00:?00$/, 'Z');

function telUri(phone: string): string {
  // "+14155552671 ext. 12" (the engine's form) → tel:+14155552671;ext=12 (RFC 3966).
  const m = /^(.*?)\s*(?:;ext=|ext\.?|x|#)\s*(\d{1,6})\s*$/i.exec(phone);
  const number = m ? m[1]! : phone;
  const ext = m?.[2];
  const digits = number.replace(/[^\d+]/g, '');
  return `tel:${digits}${ext ? `;ext=${ext}` : ''}`;
}

export function writeVcard(c: VcardContact): string {
  const lines: string[] = ['BEGIN:VCARD', 'VERSION:4.0', `UID:urn:uuid:${c.id}`];
  const first = c.firstName?.trim() ?? '';
  const last = c.lastName?.trim() ?? '';
  // Chinese names read family name first with no space; Western ones given name first.
  const han = /[\u3400-\u9fff]/.test(first + last);
  const fn =
    (han ? `${last}${first}` : [first, last].filter(Boolean).join(' ')) || c.email || c.company || '?';
  lines.push(`FN:${escapeText(fn)}`);
  lines.push(`N:${escapeText(last)};${escapeText(first)};;;`);
  if (c.company) lines.push(`ORG:${escapeText(c.company)}`);
  if (c.title) lines.push(`TITLE:${escapeText(c.title)}`);
  if (c.email) lines.push(`EMAIL;TYPE=work;PREF=1:${escapeText(c.email)}`);
  if (c.phone) lines.push(`TEL;VALUE=uri;TYPE="work,voice";PREF=1:${telUri(c.phone)}`);
  if (c.mobile) lines.push(`TEL;VALUE=uri;TYPE="cell,voice":${telUri(c.mobile)}`);
  if (c.address) lines.push(`ADR;TYPE=work:;;${escapeText(c.address)};;;;`);
  if (c.website) lines.push(`URL:${c.website}`);
  if (c.birthday && /^\d{4}-\d{2}-\d{2}$/.test(c.birthday))
    lines.push(`BDAY:${c.birthday.replace(/-/g, '')}`);
  for (const s of c.socialProfiles ?? []) {
    const value = s.url || s.handle;
    if (value)
      lines.push(
        `X-SOCIALPROFILE;TYPE=${escapeText((s.network ?? 'other').toLowerCase())}:${escapeText(value)}`,
      );
  }
  if (c.note) lines.push(`NOTE:${escapeText(c.note)}`);
  if (c.updatedAt) lines.push(`REV:${stamp(new Date(c.updatedAt).toISOString())}`);
  lines.push('END:VCARD');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
