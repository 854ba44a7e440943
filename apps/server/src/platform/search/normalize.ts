// The text normalisation shared by search keys and search queries: whatever a record's key and a
// user's query go through must be identical, or "José" stops finding "jose".

// Letters that are not "letter + combining mark" in Unicode, so NFD cannot fold them.
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};
const LETTER_FOLD_RE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

// Only the Combining Diacritical Marks block: stripping every \p{M} would also break kana voicing
// marks and Indic vowel signs, which are letters in their own right.
const COMBINING_ACCENTS_RE = /[\u0300-\u036f]/g;

// Emoji carry nothing a user types into a search box; digits and # are \p{Emoji} too, so the
// pictographic property is used instead, plus the modifiers and selectors that dress them (the
// zero-width joiner is a format character, removed below).
const EMOJI_RE = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\ufe0e\ufe0f\u20e3]/gu;

// Half of a surrogate pair is not a character: PostgreSQL would store it as U+FFFD (or refuse it).
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Control and format characters (zero-width spaces, bidi marks) that would split or hide matches.
const INVISIBLE_RE = /[\p{Cc}\p{Cf}]/gu;

/** NFKC, lower case, accents folded, emoji and invisible characters removed, spaces collapsed. */
export function foldText(input: string): string {
  return input
    .replace(LONE_SURROGATE_RE, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_ACCENTS_RE, '')
    .normalize('NFC')
    .replace(LETTER_FOLD_RE, (c) => LETTER_FOLDS[c] ?? c)
    .replace(EMOJI_RE, ' ')
    .replace(INVISIBLE_RE, ' ')
    .replace(/\s+/g, ' ')
    .replace(HAN_GAP_RE, '')
    .trim();
}

// Chinese is written without spaces: "张 伟" is the same name as "张伟".
const HAN_GAP_RE = /(?<=\p{Script=Han}) (?=\p{Script=Han})/gu;

/** Cuts to at most `max` code points without splitting a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  return Array.from(s).slice(0, max).join('');
}

export const HAN_RUN_RE = /\p{Script=Han}+/gu;
export const hasHan = (s: string): boolean => /\p{Script=Han}/u.test(s);
