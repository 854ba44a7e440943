// The normalised search key stored in each searchable table's `search_text` column (pg_trgm GIN
// index) and the matching normalisation of queries. Keys and queries go through the same folding.
import { pinyin } from 'pinyin-pro';
import { clip, foldText, HAN_RUN_RE, hasHan } from './normalize';
import { isPhoneLike, phoneKeys, phoneQuery } from './phoneKeys';

type Values = readonly (string | null | undefined)[];

export interface SearchParts {
  /** People's and records' names (pinyin for Chinese names reads surnames as surnames). */
  names?: Values;
  emails?: Values;
  phones?: Values;
  /** Websites or bare domains: stored as the host without scheme, "www." or path. */
  domains?: Values;
  /** Anything else worth finding: company name on a contact, city, title, an id from another system. */
  other?: Values;
}

// A key is for finding a record, not for storing it: long values are cut so that a pasted essay
// cannot bloat the trigram index (or stall pinyin conversion) for every write.
const MAX_VALUE_CHARS = 300;
const MAX_KEY_CHARS = 4000;
/** Longest query kept; longer input is cut (pg_trgm gains nothing from more). */
export const MAX_QUERY_CHARS = 200;

/** Full pinyin without tones or spaces, then initials: 张伟 → ["zhangwei", "zw"]. */
function pinyinKeys(han: string, asName: boolean): string[] {
  const opts = { toneType: 'none', type: 'array', v: true, surname: asName ? 'head' : 'off' } as const;
  const syllables = pinyin(han, opts).filter((s) => /^[a-z]+$/.test(s));
  if (syllables.length === 0) return [];
  const full = syllables.join('');
  const keys = [full, syllables.map((s) => s[0]).join('')];
  // ü is typed "v" by most input methods and "u" by people without one: keep both (吕 → lv, lu).
  if (full.includes('v')) keys.push(full.replace(/v/g, 'u'));
  return keys;
}

function textKeys(value: string, asName: boolean): string[] {
  const folded = foldText(clip(value, MAX_VALUE_CHARS));
  if (!folded) return [];
  const keys = [folded];
  // "o'brien" is typed "obrien"; "jean-luc" is typed "jeanluc" (and "xi'an" is pinyin for 西安).
  const joined = folded
    .split(' ')
    .map((t) => (t.includes('@') || t.includes('://') ? t : t.replace(/(?<=\p{L})['’-](?=\p{L})/gu, '')))
    .join(' ');
  if (joined !== folded) keys.push(joined);
  if (hasHan(folded)) {
    for (const run of folded.match(HAN_RUN_RE) ?? []) keys.push(...pinyinKeys(run, asName));
  }
  for (const token of folded.split(' ')) {
    if (token.includes('@')) keys.push(...emailKeys(token));
    else if (/^(https?:\/\/|www\.)/.test(token)) keys.push(...domainKeys(token));
  }
  return keys;
}

/** Whole address, local part (also without "+tag" and without dots), domain. */
function emailKeys(value: string): string[] {
  const folded = foldText(clip(value, MAX_VALUE_CHARS)).replace(/^mailto:/, '');
  const at = folded.lastIndexOf('@');
  if (at <= 0 || at === folded.length - 1 || folded.includes(' ')) return folded ? [folded] : [];
  const local = folded.slice(0, at);
  const domain = folded.slice(at + 1);
  const keys = [folded, local];
  const untagged = local.replace(/\+.*$/, '');
  if (untagged && untagged !== local) keys.push(untagged);
  const joined = untagged.replace(/[._-]/g, '');
  if (joined && joined !== untagged) keys.push(joined);
  keys.push(domain);
  return keys;
}

/** "https://www.Acme.com/about" → "acme.com". */
function domainKeys(value: string): string[] {
  const folded = foldText(clip(value, MAX_VALUE_CHARS));
  const host = folded
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  return host ? [host] : [];
}

/** The normalised search key for one record: values folded, expanded and de-duplicated. */
export function searchTextFor(parts: SearchParts): string {
  const keys: string[] = [];
  const each = (values: Values | undefined, fn: (v: string) => string[]) => {
    for (const v of values ?? []) if (typeof v === 'string' && v.trim()) keys.push(...fn(v));
  };
  each(parts.names, (v) => textKeys(v, true));
  each(parts.emails, emailKeys);
  each(parts.phones, (v) => phoneKeys(clip(v, MAX_VALUE_CHARS)));
  each(parts.domains, domainKeys);
  each(parts.other, (v) => textKeys(v, false));

  const seen = new Set<string>();
  let out = '';
  for (const k of keys) {
    if (seen.has(k)) continue;
    seen.add(k);
    const next = out ? `${out} ${k}` : k;
    if (next.length > MAX_KEY_CHARS) break;
    out = next;
  }
  return out;
}

/**
 * What to match against `search_text` for what a user typed: the same folding as the key, digits
 * only for phone-like input, a website as its host, apostrophes of pinyin ("xi'an") dropped. Empty when nothing is left
 * (e.g. only emoji), which callers reject rather than match everything.
 */
export function normalizeQuery(q: string): string {
  const clipped = clip(q, MAX_QUERY_CHARS);
  const trimmed = clipped.normalize('NFKC').trim();
  if (isPhoneLike(trimmed)) return phoneQuery(trimmed);
  const folded = foldText(clipped);
  // A pasted website is matched by its host, the way domains are stored.
  if (/^(https?:\/\/|www\.)\S+$/.test(folded)) return domainKeys(folded)[0] ?? '';
  return folded.replace(/(?<=\p{L})['’](?=\p{L})/gu, '');
}

/** Escapes LIKE wildcards so a query of "50%" or "a_b" matches itself. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
