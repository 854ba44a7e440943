// Searching must not reveal what a role hides. `search_text` folds every searchable field of a
// record into one key (that is what makes one trigram index answer every search), so a caller from
// whom, say, the phone is hidden could otherwise find a contact by typing the phone number. For
// such a caller each match is checked again against the fields themselves:
//   - when no word of the query could come from a hidden field, the match stands as it is (pinyin,
//     phone forms and typo tolerance included);
//   - when one could (the word is in the hidden value, or the hidden value has non-ASCII text that
//     folding or pinyin could have turned into the word), every word must be found in a visible
//     field as typed — so the record is found for what the caller sees, never for what is hidden.
// The price: for such a caller, a record whose hidden value has Chinese (or accented) text is found
// by pinyin or unaccented spelling of a visible field only if no hidden field could have produced
// the word — otherwise only by visible text as typed. Exact search by what is visible always works.
// Callers with no hidden searchable field on an object pay nothing: the guard is null.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../../platform/access/actor';
import { fieldVisibility } from '../../../platform/access/authorize';
import { escapeLike } from '../../../platform/search/searchText';
import type { FieldDef, LoadedObject } from '../meta/types';
import { jsonKey, ref } from './fieldSql';

type Cond = RawBuilder<SqlBool>;

/** The field's stored value as text (arrays and JSON as their text form): what LIKE looks into. */
function textOf(field: FieldDef, alias: string): RawBuilder<string> | null {
  const s = field.storage;
  if (s.kind === 'column') return sql<string>`coalesce(${ref(alias, s.column)}::text, '')`;
  if (s.kind === 'custom')
    return sql<string>`coalesce((${ref(alias, 'custom')}->${jsonKey(s.key)})::text, '')`;
  return null;
}

const stripped = (w: string) => w.toLowerCase().replace(/[^a-z0-9]+/g, '');
const digitsNoTrunk = (w: string) => w.replace(/\D/g, '').replace(/^0+/, '');
const isAscii = (w: string) => /^[\x20-\x7e]*$/.test(w);

/** True when the value contains the word as typed, or with punctuation and spaces ignored. */
function contains(field: FieldDef, text: RawBuilder<string>, word: string): Cond {
  const parts: Cond[] = [sql<SqlBool>`lower(${text}) LIKE ${`%${escapeLike(word.toLowerCase())}%`}`];
  const s = stripped(word);
  if (s && s !== word.toLowerCase())
    parts.push(sql<SqlBool>`regexp_replace(lower(${text}), '[^a-z0-9]+', '', 'g') LIKE ${`%${s}%`}`);
  if (field.search === 'phones') {
    // "020 7946 0958" is stored as +44 20 7946 0958: the trunk zero is not in the stored digits.
    const d = digitsNoTrunk(word);
    if (d.length >= 3) parts.push(sql<SqlBool>`regexp_replace(${text}, '[^0-9]+', '', 'g') LIKE ${`%${d}%`}`);
  }
  return parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

/** Whether the word could have come from this value through the search key's folding. */
function couldContain(field: FieldDef, text: RawBuilder<string>, word: string): Cond {
  const direct = contains(field, text, word);
  // Accents folded away ("José" → "jose") and pinyin ("张伟" → "zhangwei") turn non-ASCII text into
  // ASCII words: such a value may be where an ASCII word matched.
  if (!isAscii(word)) return direct;
  return sql<SqlBool>`(${direct} OR ${text} ~ '[^\\x01-\\x7f]')`;
}

/** The searchable fields of the object this caller may not see. */
export function hiddenSearchFields(actor: Actor, meta: LoadedObject): FieldDef[] {
  return meta.fields.filter(
    (f) => f.search && fieldVisibility(actor, meta.name, f.name) === 'hidden' && textOf(f, 't'),
  );
}

/**
 * The extra condition a match must meet for this caller, or null when nothing searchable is hidden.
 * `words` are the normalised query's words (a list `q` is one phrase: pass it as one word).
 */
export function hiddenSearchGuard(
  actor: Actor,
  meta: LoadedObject,
  alias: string,
  words: string[],
): Cond | null {
  const hidden = hiddenSearchFields(actor, meta);
  const ws = words.filter((w) => w.trim() !== '');
  if (hidden.length === 0 || ws.length === 0) return null;
  const visible = meta.fields.filter(
    (f) => f.search && fieldVisibility(actor, meta.name, f.name) !== 'hidden' && textOf(f, alias),
  );
  const suspicious = sql.join(
    hidden.flatMap((f) => ws.map((w) => couldContain(f, textOf(f, alias)!, w))),
    sql` OR `,
  );
  if (visible.length === 0) return sql<SqlBool>`NOT (${suspicious})`;
  const seen = sql.join(
    ws.map(
      (w) =>
        sql`(${sql.join(
          visible.map((f) => contains(f, textOf(f, alias)!, w)),
          sql` OR `,
        )})`,
    ),
    sql` AND `,
  );
  return sql<SqlBool>`(NOT (${suspicious}) OR (${seen}))`;
}

/** Whether a role hides any field of this object at all (a cheap test before loading its metadata). */
export function hidesFieldsOf(actor: Actor, object: string): boolean {
  if (actor.kind === 'system') return false;
  const fields = actor.permissions.fields?.[object];
  return Boolean(fields && Object.values(fields).includes('hidden'));
}
