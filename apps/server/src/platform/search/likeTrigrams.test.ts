import { describe, expect, it } from 'vitest';
import { hasTrigram } from './likeTrigrams';

// Expected values follow pg_trgm's generate_wildcard_trgm(); searchIndexes.test.ts checks the
// same shapes against the real index (a pattern without a trigram returns every row).
describe('hasTrigram', () => {
  it('finds a trigram in three letters or digits anywhere', () => {
    expect(hasTrigram('%abc%')).toBe(true);
    expect(hasTrigram('%138%')).toBe(true);
    expect(hasTrigram('%字节跳%')).toBe(true);
  });

  it('finds none in one or two characters between wildcards', () => {
    expect(hasTrigram('%ab%')).toBe(false);
    expect(hasTrigram('%张伟%')).toBe(false);
    expect(hasTrigram('%a%')).toBe(false);
  });

  it('counts the blanks that pad a word at a boundary', () => {
    expect(hasTrigram('ab%')).toBe(true); // "  a", " ab"
    expect(hasTrigram('% ab%')).toBe(true);
    expect(hasTrigram('a%')).toBe(true); // "  a"
    expect(hasTrigram('%.net%')).toBe(true); // the dot bounds "net" on the left
    expect(hasTrigram('%a.%')).toBe(false); // "a " only: two characters
    expect(hasTrigram('%ab.%')).toBe(true); // "ab "
    expect(hasTrigram('%a.b%')).toBe(true); // "  b" from the bounded "b"
  });

  it('treats wildcards, escaped wildcards and punctuation alike as non-word characters', () => {
    expect(hasTrigram('%\\%%')).toBe(false);
    expect(hasTrigram('%\\%\\_\\\\%')).toBe(false);
    expect(hasTrigram('%---%')).toBe(false);
    expect(hasTrigram('% %')).toBe(false);
    expect(hasTrigram('')).toBe(false);
    // An escaped wildcard right before a word bounds it like any other punctuation.
    expect(hasTrigram('%\\%ab%')).toBe(true);
    expect(hasTrigram('%_ab%')).toBe(false);
  });
});
