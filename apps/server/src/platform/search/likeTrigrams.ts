// Whether a LIKE pattern gives pg_trgm a trigram to look up. Without one the GIN index still
// "answers" the pattern, by returning every row for a recheck: a full scan in disguise. This
// mirrors pg_trgm's generate_wildcard_trgm(): words are runs of letters and digits; a word is
// padded with two blanks in front unless a wildcard comes right before it, and with one blank
// after unless a wildcard comes right after it; a padded word of three characters has a trigram.

const isWordChar = (c: string) => /[\p{L}\p{N}]/u.test(c);
const isWildcard = (c: string) => c === '%' || c === '_';

export function hasTrigram(pattern: string): boolean {
  const chars = Array.from(pattern);
  let i = 0;
  while (i < chars.length) {
    // Skip to the next word, remembering whether an (unescaped) wildcard touches its start.
    let wildcardBefore = false;
    let escaped = false;
    while (i < chars.length) {
      const c = chars[i]!;
      if (escaped) {
        if (isWordChar(c)) break;
        escaped = false;
        wildcardBefore = false;
      } else if (c === '\\') escaped = true;
      else if (isWildcard(c)) wildcardBefore = true;
      else if (isWordChar(c)) break;
      else wildcardBefore = false;
      i++;
    }
    if (i >= chars.length) return false;
    let length = 0;
    while (i < chars.length) {
      const c = chars[i]!;
      if (c === '\\' && i + 1 < chars.length && isWordChar(chars[i + 1]!)) {
        i++;
        continue;
      }
      if (!isWordChar(c)) break;
      length++;
      i++;
    }
    const wildcardAfter = i < chars.length && isWildcard(chars[i]!);
    if (length + (wildcardBefore ? 0 : 2) + (wildcardAfter ? 0 : 1) >= 3) return true;
  }
  return false;
}
