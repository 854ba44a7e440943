// How a normalised query is matched against `search_text` so that the pg_trgm GIN index can answer
// it. The index needs at least one whole trigram: '%abc%' has one, '%ab%' has none (a full scan),
// but a word start ('ab%', '% ab%') has the padded trigrams "  a", " ab" and is indexable.
import { pinyin } from 'pinyin-pro';
import { hasTrigram } from './likeTrigrams';
import { escapeLike } from './searchText';

export interface MatchPlan {
  /** The normalised query (what word similarity compares against). */
  q: string;
  /** The query as typed and, for several words, without spaces: what exact and prefix ranks test. */
  forms: string[];
  /** LIKE patterns (already escaped); a row matches when any one does. Each has a trigram. */
  any: string[];
  /** Multi-word queries also match when every word does, in any order: one list of patterns per
   * word (words without a trigram, such as "-", are left out). */
  everyWord: string[][];
  /** LIKE patterns every match must also satisfy (checked on the rows the index found). */
  also: string[];
  /** Typo tolerance: `q <% search_text` at this word-similarity threshold, or null for none. */
  fuzzy: { threshold: number } | null;
}

const codePoints = (s: string) => Array.from(s).length;
const isHan = (s: string) => /^\p{Script=Han}+$/u.test(s);

/** Patterns for one word: anywhere when that has a trigram, else at a word start (if that has). */
function wordPatterns(w: string): string[] {
  const e = escapeLike(w);
  const anywhere = `%${e}%`;
  if (hasTrigram(anywhere)) return [anywhere];
  return [`${e}%`, `% ${e}%`].filter(hasTrigram);
}

const hasWordChar = (s: string) => /[\p{L}\p{N}]/u.test(s);

// Every reading of each character, at most a handful of combinations: 银行 → yinhang, yinxing, …
const MAX_READINGS = 8;
function pinyinReadings(han: string): string[] {
  let combos = [''];
  for (const ch of han) {
    const readings = pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }).filter((r) =>
      /^[a-z]+$/.test(r),
    );
    if (readings.length === 0) return [];
    combos = combos.flatMap((c) => readings.map((r) => c + r)).slice(0, MAX_READINGS);
  }
  return combos;
}

export function matchPlan(q: string): MatchPlan {
  const len = codePoints(q);
  const plan: MatchPlan = { q, forms: q ? [q] : [], any: [], everyWord: [], also: [], fuzzy: null };
  // Only letters and digits make trigrams: "%%" or "--" cannot be looked up, only scanned for.
  if (!hasWordChar(q)) return { ...plan, forms: [] };

  // Two Chinese characters are one of the commonest searches (a given name, part of a company
  // name) but have no trigram. Their pinyin has: the index finds rows by the pinyin key, and the
  // characters themselves are then required, so "字节" finds 北京字节跳动 without a scan.
  if (len === 2 && isHan(q)) {
    plan.any.push(...wordPatterns(q));
    for (const r of pinyinReadings(q)) if (hasTrigram(`%${r}%`)) plan.any.push(`%${r}%`);
    plan.also.push(`%${escapeLike(q)}%`);
    return plan;
  }

  const words = q.split(' ');
  if (words.length > 1) {
    // "zhang wei" is stored as "zhangwei"; "wei zhang" or "acme bob" match word by word (which
    // also covers the phrase as typed: every index probe costs, so none is spent twice).
    const compact = words.join('');
    plan.forms.push(compact);
    const compactPattern = `%${escapeLike(compact)}%`;
    if (hasTrigram(compactPattern)) plan.any.push(compactPattern);
    plan.everyWord = words.map(wordPatterns).filter((p) => p.length > 0);
  } else {
    plan.any.push(...wordPatterns(q));
  }
  // Trigram similarity on very short queries matches half the table ("acm" shares "  a", " ac"
  // with every word starting "ac"); from 4 characters on it is selective enough to be useful.
  // Digits are phone numbers and an address with "@" is an email: one character off is someone
  // else's, not a typo (and every address at a domain would look alike).
  if (len >= 4 && !/^\d+$/.test(q) && !q.includes('@')) plan.fuzzy = { threshold: 0.6 };
  return plan;
}

/** Whether the plan can match anything at all (a query of punctuation only cannot). */
export const isSearchable = (p: MatchPlan): boolean =>
  p.any.length > 0 || p.everyWord.length > 0 || p.fuzzy !== null;
