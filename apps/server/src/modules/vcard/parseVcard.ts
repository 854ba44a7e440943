// vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350) read line by line: phones and Outlook export 3.0,
// macOS and Google 3.0/4.0, old Android and WeChat 2.1 with quoted-printable text. The parser is
// fed one physical line at a time so a large address book never sits in memory whole.
import iconv from 'iconv-lite';

export interface VcardProperty {
  group?: string;
  name: string;
  params: Record<string, string[]>;
  value: string;
}

export interface Vcard {
  version: string;
  properties: VcardProperty[];
}

/** Splits on a separator that is not escaped with a backslash. */
export function splitUnescaped(s: string, sep: ',' | ';'): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + s[i + 1];
      i++;
    } else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function unescapeText(s: string): string {
  return s.replace(/\\([\\,;nN:])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

// RFC 6868 caret escapes in parameter values.
const unescapeParam = (s: string) =>
  s.replace(/\^(\^|n|')/g, (_m, c: string) => (c === 'n' ? '\n' : c === "'" ? '"' : '^'));

function parseParams(parts: string[]): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  for (const p of parts) {
    if (!p) continue;
    const eq = p.indexOf('=');
    // vCard 2.1 writes bare types: TEL;WORK;VOICE:…
    const key = (eq === -1 ? 'TYPE' : p.slice(0, eq)).toUpperCase();
    const raw = eq === -1 ? p : p.slice(eq + 1);
    // A quoted value is one value even when it holds commas (LABEL="1 Road, London"), except for
    // TYPE, whose 4.0 form quotes a list: TYPE="work,voice".
    const quoted = /^".*"$/.test(raw);
    const values = quoted && key !== 'TYPE' ? [raw.slice(1, -1)] : raw.replace(/^"(.*)"$/, '$1').split(',');
    params[key] = [...(params[key] ?? []), ...values.map(unescapeParam)];
  }
  return params;
}

/** The name/params part ends at the first colon outside a quoted parameter value. */
function splitContentLine(line: string): { head: string; value: string } | null {
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuote = !inQuote;
    else if (ch === ':' && !inQuote) return { head: line.slice(0, i), value: line.slice(i + 1) };
  }
  return null;
}

function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
    }
  }
  const cs = charset && iconv.encodingExists(charset) ? charset : 'utf8';
  return iconv.decode(Buffer.from(bytes), cs);
}

export function parseContentLine(line: string): VcardProperty | null {
  const split = splitContentLine(line);
  if (!split) return null;
  const segments = split.head.split(';');
  let name = segments[0]!.trim();
  let group: string | undefined;
  const dot = name.indexOf('.');
  if (dot !== -1) {
    group = name.slice(0, dot);
    name = name.slice(dot + 1);
  }
  const params = parseParams(segments.slice(1));
  let value = split.value;
  const encoding = params.ENCODING?.[0]?.toUpperCase();
  if (encoding === 'QUOTED-PRINTABLE') value = decodeQuotedPrintable(value, params.CHARSET?.[0]);
  return { group, name: name.toUpperCase(), params, value };
}

/**
 * Push physical lines (without their line break); complete cards come back from `push` and `end`.
 * Folded lines (a leading space or tab) and quoted-printable soft breaks (a trailing "=") are joined.
 */
export class VcardLineParser {
  private logical: string | null = null;
  private qpContinuation = false;
  private card: Vcard | null = null;
  private readonly done: Vcard[] = [];

  push(physical: string): Vcard[] {
    if (this.logical !== null && (this.qpContinuation || /^[ \t]/.test(physical))) {
      this.logical += this.qpContinuation ? physical : physical.slice(1);
    } else {
      if (this.logical !== null) this.flushLine(this.logical);
      this.logical = physical;
    }
    this.qpContinuation =
      /ENCODING=QUOTED-PRINTABLE/i.test(this.logical.split(':')[0] ?? '') && this.logical.endsWith('=');
    if (this.qpContinuation) this.logical = this.logical.slice(0, -1);
    return this.drain();
  }

  end(): Vcard[] {
    if (this.logical !== null) this.flushLine(this.logical);
    this.logical = null;
    if (this.card) this.done.push(this.card); // a card missing its END line still counts
    this.card = null;
    return this.drain();
  }

  private drain(): Vcard[] {
    return this.done.splice(0, this.done.length);
  }

  private flushLine(line: string) {
    const trimmed = line.trim();
    if (!trimmed) return;
    if (/^BEGIN:VCARD$/i.test(trimmed)) {
      if (this.card) this.done.push(this.card);
      this.card = { version: '3.0', properties: [] };
      return;
    }
    if (/^END:VCARD$/i.test(trimmed)) {
      if (this.card) this.done.push(this.card);
      this.card = null;
      return;
    }
    if (!this.card) return; // text between cards
    const prop = parseContentLine(line);
    if (!prop) return;
    if (prop.name === 'VERSION') this.card.version = prop.value.trim();
    else this.card.properties.push(prop);
  }
}

/** Parses a whole vCard text (tests, small files). */
export function parseVcards(text: string): Vcard[] {
  const p = new VcardLineParser();
  const out: Vcard[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) out.push(...p.push(line));
  out.push(...p.end());
  return out;
}
