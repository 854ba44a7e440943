// How a normalised query is matched against `search_text` so that the pg_trgm GIN index can answer
// it. The index needs at least one whole trigram: '%abc%' has one, '%ab%' has none (a sequential
// scan), but a word start ('ab%', '% ab%') has the padded trigrams "  a", " ab" and is indexable.
import { pinyin } from 'pinyin-pro';
import { escapeLike } from './searchText';

export interface MatchPlan {
  /** The normalised query (what word similarity compares against). */
  q: string;
  /** The query as typed and, for several words, without spaces: what exact and prefix ranks test. */
  forms: string[];
  /** LIKE patterns (already escaped); a row matches when any one does. Each is index-usable. */
  any: string[];
  /** Multi-word queries also match when every word does, in any order: one list of patterns per word. */
  everyWord: string[][];
  /** LIKE patterns every match must also satisfy (checked on the rows the index found). */
  also: string[];
  /** Typo tolerance: `q <% search_text` at this word-similarity threshold, or null for none. */
  fuzzy: { threshold: number } | null;
}

const codePoints = (s: string) => Array.from(s).length;
const isHan = (s: string) => /^\p{Script=Han}+$/u.test(s);

/** Patterns for one word: substring when it has a trigram, word start otherwise. */
function wordPatterns(w: string): string[] {
  const e = escapeLike(w);
  return codePoints(w) >= 3 ? [`%${e}%`] : [`${e}%`, `% ${e}%`];
}

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
  if (len === 0) return plan;

  // Two Chinese characters are one of the commonest searches (a given name, part of a company
  // name) but have no trigram. Their pinyin has: the index finds rows by the pinyin key, and the
  // characters themselves are then required, so "字节" finds 北京字节跳动 without a scan.
  if (len === 2 && isHan(q)) {
    plan.any.push(...wordPatterns(q));
    for (const r of pinyinReadings(q)) if (r.length >= 3) plan.any.push(`%${escapeLike(r)}%`);
    plan.also.push(`%${escapeLike(q)}%`);
    return plan;
  }

  plan.any.push(...wordPatterns(q));
  const words = q.split(' ');
  if (words.length > 1) {
    // "zhang wei" is stored as "zhangwei"; "wei zhang" or "acme bob" match word by word.
    const compact = words.join('');
    plan.forms.push(compact);
    if (codePoints(compact) >= 3) plan.any.push(`%${escapeLike(compact)}%`);
    plan.everyWord = words.map(wordPatterns);
  }
  // Trigram similarity on very short queries matches half the table ("acm" shares "  a", " ac"
  // with every word starting "ac"); from 4 characters on it is selective enough to be useful.
  // Digits are phone numbers: a number one digit off is someone else's, not a typo.
  if (len >= 4 && !/^\d+$/.test(q)) plan.fuzzy = { threshold: len >= 8 ? 0.5 : 0.6 };
  return plan;
}
