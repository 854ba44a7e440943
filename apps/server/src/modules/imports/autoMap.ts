// Which column fills which field, when the user has not said. Pass 1 matches headers that name a
// field exactly (its api name or its label in either language, custom fields included); pass 2 uses
// the synonyms of other systems' exports. A field is filled by one column unless its synonym joins
// several (address parts), and a column that matches nothing is reported, never guessed at.
import { normKey, type Label } from './coerce/options';
import { FULL_NAME, synonyms } from './headerSynonyms';
import { socialTargets } from './socialTargets';

export interface MappableField {
  name: string;
  type: string;
  label?: Label;
  readOnly?: boolean;
  relation?: { object: string; many?: boolean } | null;
  /** A list field (other emails, other phones): several columns append to it. */
  many?: boolean;
}

export interface ColumnMapping {
  /** 0-based position in the file. */
  index: number;
  /** The header as written (duplicates get " (2)", " (3)"…). */
  column: string;
  /** The target field, a pseudo-target (fullName, amount.currency) or null for an ignored column. */
  field: string | null;
}

/** Unique column names: a repeated header is told apart by its position among its twins. */
export function columnNames(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h, i) => {
    const base = h.trim() || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function labels(l: Label | undefined): string[] {
  if (!l) return [];
  if (typeof l === 'string') return [l];
  return [l.en, l['zh-CN']].filter((x): x is string => Boolean(x));
}

/** Every target a column may name for this object: writable fields plus the pseudo-targets. */
export function mappableTargets(fields: readonly MappableField[]): Set<string> {
  const writable = fields.filter((f) => !f.readOnly);
  const t = new Set(writable.map((f) => f.name));
  if (t.has('firstName') && t.has('lastName')) t.add(FULL_NAME);
  for (const f of writable) if (f.type === 'money') t.add(`${f.name}.currency`);
  for (const s of socialTargets(writable)) t.add(s.target);
  return t;
}

// Headers may carry a required marker or a unit: "Email *", "Amount (CNY)".
const cleanHeader = (h: string) => h.replace(/\s*\*\s*$/, '').replace(/\s*[(（][A-Z]{3}[)）]\s*$/, '');

export function autoMap(headers: readonly string[], fields: readonly MappableField[]): ColumnMapping[] {
  const names = columnNames(headers);
  const targets = mappableTargets(fields);
  const result: ColumnMapping[] = names.map((column, index) => ({ index, column, field: null }));
  const taken = new Set<string>();
  const social = socialTargets(fields);
  // List fields and the per-network social targets take any number of columns.
  const joinable = new Set<string>([
    ...fields.filter((f) => f.many).map((f) => f.name),
    ...social.map((s) => s.target),
  ]);
  const claim = (m: ColumnMapping, field: string, join = false) => {
    m.field = field;
    taken.add(field);
    if (join) joinable.add(field);
  };

  // Pass 1: the header names a field.
  const exact = new Map<string, string>();
  for (const f of fields) {
    if (!targets.has(f.name)) continue;
    for (const key of [f.name, ...labels(f.label)])
      if (!exact.has(normKey(key))) exact.set(normKey(key), f.name);
    // "Company" for companyId: relation fields answer to their name without the Id suffix.
    if (f.type === 'relation' && /Id$/.test(f.name)) {
      const bare = normKey(f.name.replace(/Id$/, ''));
      if (!exact.has(bare)) exact.set(bare, f.name);
    }
  }
  const socialNames = new Set<string>();
  for (const s of social) {
    socialNames.add(s.target);
    for (const key of [s.target, s.label.en, s.label['zh-CN']])
      if (!exact.has(normKey(key))) exact.set(normKey(key), s.target);
  }
  for (const m of result) {
    const hit = exact.get(normKey(cleanHeader(headers[m.index] ?? '')));
    if (hit && (!taken.has(hit) || socialNames.has(hit))) claim(m, hit);
  }

  // Pass 2: the synonyms.
  const bySynonym = new Map<string, (typeof synonyms)[number]>();
  for (const s of synonyms)
    for (const h of s.headers) if (!bySynonym.has(normKey(h))) bySynonym.set(normKey(h), s);
  for (const m of result) {
    if (m.field) continue;
    const entry = bySynonym.get(normKey(cleanHeader(headers[m.index] ?? '')));
    if (!entry) continue;
    const pick = entry.targets.find(
      (t) =>
        targets.has(t) &&
        (!taken.has(t) || (entry.join && joinable.has(t))) &&
        !(t === FULL_NAME && (taken.has('firstName') || taken.has('lastName'))),
    );
    if (pick) claim(m, pick, entry.join);
  }
  // A whole-name column and separate first/last columns would fight: the separate ones win.
  if (taken.has(FULL_NAME) && (taken.has('firstName') || taken.has('lastName'))) {
    for (const m of result) if (m.field === FULL_NAME) m.field = null;
  }
  return result;
}
