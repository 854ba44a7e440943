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
  /**
   * The patterns of `any` that find two Chinese characters inside a word through their pinyin.
   * Their hits rank below every word-start hit and their probes bring homophones to recheck
   * (3,500 for 魏静 at 1M contacts), so a search may try the word starts alone first.
   */
  pinyinProbes?: string[];
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

// The readings a stored key can hold for these characters (searchText.ts reads a Han run with
// pinyin-pro, in context, a name's first character as a surname): the pair read as a word, as a
// surname and given name, and character by character (what a longer run falls back to where its
// phrases do not cover the pair: 中国工商银行 is stored "…yinxing"). Not every reading of every
// character: those combinations are mostly syllables no key holds, and their trigrams are common
// in pinyin, so the index returned rows only to be thrown away — 袁红's "yuangong" matched the
// trigrams of 18,399 companies and none of their texts (BENCHMARKS.md, 2026-12-07).
const PINYIN = { toneType: 'none', type: 'array', v: true } as const;
function pinyinReadings(han: string): string[] {
  const readings = [
    pinyin(han, PINYIN),
    pinyin(han, { ...PINYIN, surname: 'head' }),
    Array.from(han, (ch) => pinyin(ch, PINYIN)[0] ?? ''),
  ];
  const out = new Set<string>();
  for (const syllables of readings)
    if (syllables.length > 0 && syllables.every((r) => /^[a-z]+$/.test(r))) out.add(syllables.join(''));
  return [...out];
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
    const probes = pinyinReadings(q)
      .map((r) => `%${r}%`)
      .filter(hasTrigram);
    plan.any.push(...probes);
    if (probes.length) plan.pinyinProbes = probes;
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

/** The plan without its pinyin probes (word starts only), or null when it has none to drop. */
export function wordStartsOnly(plan: MatchPlan): MatchPlan | null {
  const probes = new Set(plan.pinyinProbes ?? []);
  if (!probes.size) return null;
  const starts: MatchPlan = { ...plan, any: plan.any.filter((p) => !probes.has(p)), pinyinProbes: undefined };
  return isSearchable(starts) ? starts : null;
}

/** Whether the plan can match anything at all (a query of punctuation only cannot). */
export function isSearchable(p: MatchPlan): boolean {
  return p.any.length > 0 || p.everyWord.length > 0 || p.fuzzy !== null;
}
