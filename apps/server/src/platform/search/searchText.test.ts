import { describe, expect, it } from 'vitest';
// Well-formed UTF-16: no half surrogate pair (which would not survive a round trip through UTF-8).
const wellFormed = (s: string) => Buffer.from(s, 'utf8').toString('utf8') === s;

import { escapeLike, MAX_QUERY_CHARS, normalizeQuery, searchTextFor } from './searchText';

// A query finds a key when it is a substring of it: this is the exact/prefix half of search (the
// trigram half, for typos, is tested against the database in modules/search).
const finds = (key: string, q: string) => key.includes(normalizeQuery(q));

describe('searchTextFor: Chinese names', () => {
  it('keeps the characters and adds full pinyin without tones or spaces, then initials', () => {
    expect(searchTextFor({ names: ['张伟'] })).toBe('张伟 zhangwei zw');
  });

  it('reads a polyphonic surname as a surname (曾 zeng, 单 shan) and compound surnames whole', () => {
    const key = searchTextFor({ names: ['曾小贤', '单田芳', '欧阳娜娜'] });
    expect(key).toContain('zengxiaoxian zxx');
    expect(key).toContain('shantianfang stf');
    expect(key).toContain('ouyangnana oynn');
  });

  it('stores ü both as v (input methods) and u (everyone else)', () => {
    const key = searchTextFor({ names: ['吕布'] });
    expect(key).toBe('吕布 lvbu lb lubu');
    expect(finds(key, 'lü')).toBe(true);
    expect(finds(key, 'lv')).toBe(true);
  });

  it('treats spaces between Chinese characters as absent', () => {
    expect(searchTextFor({ names: ['张 伟'] })).toBe('张伟 zhangwei zw');
    expect(normalizeQuery(' 张 伟 ')).toBe('张伟');
  });

  it('converts each Chinese run of a mixed name and keeps the Latin part', () => {
    const key = searchTextFor({ names: ['David 王小明'] });
    expect(key).toBe('david 王小明 wangxiaoming wxm');
  });

  it('finds a Chinese name by characters, pinyin, toned pinyin and initials', () => {
    const key = searchTextFor({ names: ['张伟'] });
    for (const q of ['张伟', '张', 'zhangwei', 'ZhangWei', 'zhāngwěi', 'zw', 'zhang']) {
      expect(finds(key, q), q).toBe(true);
    }
    expect(finds(key, 'lihua')).toBe(false);
  });

  it('gives Chinese company names pinyin and initials too', () => {
    const key = searchTextFor({ other: ['北京字节跳动科技有限公司'] });
    expect(key).toContain('北京字节跳动科技有限公司');
    expect(key).toContain('beijingzijietiaodongkejiyouxiangongsi');
    expect(key).toContain('bjzjtdkjyxgs');
  });

  it("drops pinyin's syllable apostrophe from queries (xi'an finds 西安)", () => {
    const key = searchTextFor({ other: ['西安'] });
    expect(key).toBe('西安 xian xa');
    expect(finds(key, "xi'an")).toBe(true);
    expect(finds(key, 'xi’an')).toBe(true);
  });
});

describe('searchTextFor: Latin text', () => {
  it('lower-cases, folds accents and letters NFD cannot fold', () => {
    expect(searchTextFor({ names: ['José Ñúñez'] })).toBe('jose nunez');
    expect(searchTextFor({ names: ['Straße', 'Søren Łukasz', 'Æsir'] })).toBe('strasse soren lukasz aesir');
    expect(finds(searchTextFor({ names: ['François'] }), 'FRANCOIS')).toBe(true);
    expect(finds(searchTextFor({ names: ['Francois'] }), 'François')).toBe(true);
  });

  it('NFKC-normalises full-width letters and digits', () => {
    expect(searchTextFor({ other: ['ＡＣＭＥ１２３'] })).toBe('acme123');
    expect(normalizeQuery('ａｃｍｅ')).toBe('acme');
  });

  it("adds a joined form of names with inner punctuation (o'brien, jean-luc)", () => {
    const key = searchTextFor({ names: ["Seán O'Brien", 'Jean-Luc Picard'] });
    expect(key).toBe("sean o'brien sean obrien jean-luc picard jeanluc picard");
    expect(finds(key, 'obrien')).toBe(true);
    expect(finds(key, "O'Brien")).toBe(true);
    expect(finds(key, 'jeanluc')).toBe(true);
  });

  it('removes emoji, joiners and invisible characters without gluing words together', () => {
    expect(searchTextFor({ names: ['Alice 🚀Smith', 'Bob 👩‍💻 Lee', 'Zero\u200bWidth', '🇨🇳 Li'] })).toBe(
      'alice smith bob lee zero width li',
    );
    expect(normalizeQuery('🚀')).toBe('');
    expect(normalizeQuery('🚀 alice')).toBe('alice');
  });

  it('keeps digits and # that are also emoji code points', () => {
    expect(searchTextFor({ other: ['Room #12'] })).toBe('room #12');
  });

  it('ignores null, undefined, blank values and de-duplicates repeats', () => {
    expect(searchTextFor({ names: [null, undefined, '  ', 'Acme', 'ACME'], other: ['acme'] })).toBe('acme');
    expect(searchTextFor({})).toBe('');
  });

  it('keeps a phrase together even when one of its words appeared before', () => {
    const key = searchTextFor({ names: ['Smith', 'John Smith'] });
    expect(finds(key, 'john smith')).toBe(true);
  });
});

describe('searchTextFor: emails and domains', () => {
  it('stores an email whole, as local part, without its +tag, without dots, and its domain', () => {
    expect(searchTextFor({ emails: ['Zhang.Wei+crm@Acme.COM'] })).toBe(
      'zhang.wei+crm@acme.com zhang.wei+crm zhang.wei zhangwei acme.com',
    );
  });

  it('finds an email by the address, its local part or its domain', () => {
    const key = searchTextFor({ emails: ['li.na@example.cn'] });
    for (const q of ['li.na@example.cn', 'LI.NA@EXAMPLE.CN', 'li.na', 'lina', 'example.cn', 'example']) {
      expect(finds(key, q), q).toBe(true);
    }
  });

  it('keeps a malformed email as text instead of dropping it', () => {
    expect(searchTextFor({ emails: ['not-an-email', '@nobody', 'x@'] })).toBe('not-an-email @nobody x@');
  });

  it('stores websites as their host without scheme, www., port or path', () => {
    expect(
      searchTextFor({ domains: ['https://www.Acme.com:8443/about?x=1', 'example.cn', 'http://b.io/'] }),
    ).toBe('acme.com example.cn b.io');
  });

  it('expands emails and URLs found in other text', () => {
    expect(searchTextFor({ other: ['ops@acme.com', 'https://www.acme.cn/zh'] })).toBe(
      'ops@acme.com ops acme.com https://www.acme.cn/zh acme.cn',
    );
  });
});

describe('searchTextFor: phones', () => {
  it('stores digits with and without the country code', () => {
    expect(searchTextFor({ phones: ['+86 138-0013-8000'] })).toBe('8613800138000 13800138000');
  });

  it('adds the national form with its trunk prefix where a country dials one', () => {
    expect(searchTextFor({ phones: ['+44 20 7946 0958'] })).toBe('442079460958 2079460958 02079460958');
    expect(searchTextFor({ phones: ['+86 10 6552 9988'] })).toBe('861065529988 1065529988 01065529988');
  });

  it('reads 00 as the international prefix and drops extensions', () => {
    expect(searchTextFor({ phones: ['0086 138 0013 8000'] })).toBe('8613800138000 13800138000');
    expect(searchTextFor({ phones: ['+1 (555) 123-4567 ext. 89'] })).toBe('15551234567 5551234567');
    expect(searchTextFor({ phones: ['010-6552-9988 转 123'] })).toBe('01065529988');
  });

  it('keeps the digits of numbers it cannot parse', () => {
    expect(searchTextFor({ phones: ['(010) 6552-9988', '+999 1234', 'call me'] })).toBe(
      '01065529988 9991234',
    );
  });

  it('finds a phone however the query is written', () => {
    const key = searchTextFor({ phones: ['+86 138-0013-8000'] });
    for (const q of [
      '+86 138 0013 8000',
      '+8613800138000',
      '0086-13800138000',
      '13800138000',
      '138-0013-8000',
    ]) {
      expect(finds(key, q), q).toBe(true);
    }
    expect(finds(key, '8613800138000')).toBe(true);
    expect(finds(key, '1380013')).toBe(true);
    expect(finds(key, '+86 139 0000 0000')).toBe(false);
  });

  it('finds a landline stored nationally by its international form and vice versa', () => {
    const national = searchTextFor({ phones: ['010 6552 9988'] });
    expect(finds(national, '+86 10 6552 9988')).toBe(true);
    const intl = searchTextFor({ phones: ['+86 10 6552 9988'] });
    expect(finds(intl, '(010) 6552-9988')).toBe(true);
  });
});

describe('normalizeQuery', () => {
  it('reduces phone-like input to digits and leaves other text alone', () => {
    expect(normalizeQuery('(010) 6552-9988')).toBe('01065529988');
    expect(normalizeQuery('138.0013.8000')).toBe('13800138000');
    expect(normalizeQuery('Acme 2024')).toBe('acme 2024');
    // Too few digits to be a phone: kept as typed.
    expect(normalizeQuery('1-2')).toBe('1-2');
  });

  it('reduces a pasted website to its host, as domains are stored', () => {
    expect(normalizeQuery('https://www.Acme.com/about?x=1')).toBe('acme.com');
    expect(normalizeQuery('www.acme.cn')).toBe('acme.cn');
    expect(normalizeQuery('acme.com')).toBe('acme.com');
  });

  it('collapses and trims whitespace, including tabs, newlines and NBSP', () => {
    expect(normalizeQuery('  Zhang\t\n\u00a0Wei  ')).toBe('zhang wei');
  });

  it('leaves LIKE wildcards for the caller to escape', () => {
    expect(normalizeQuery('50%_off')).toBe('50%_off');
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });

  it('returns an empty string for input with nothing searchable', () => {
    for (const q of ['', '   ', '\u200b', '🚀🚀', '\u0000'])
      expect(normalizeQuery(q), JSON.stringify(q)).toBe('');
  });

  it('cuts very long queries without splitting surrogate pairs', () => {
    const q = normalizeQuery('𠀀'.repeat(5000));
    expect(Array.from(q)).toHaveLength(MAX_QUERY_CHARS);
    expect(wellFormed(q)).toBe(true);
    expect(normalizeQuery('a'.repeat(100_000))).toHaveLength(MAX_QUERY_CHARS);
  });
});

describe('searchTextFor: hostile sizes', () => {
  it('bounds the key for very long values and many values', () => {
    const key = searchTextFor({
      names: ['张'.repeat(100_000), 'n'.repeat(1_000_000)],
      other: Array.from({ length: 10_000 }, (_, i) => `value ${i}`),
    });
    expect(key.length).toBeLessThanOrEqual(4000);
    expect(key.startsWith('张'.repeat(300) + ' ' + 'zhang'.repeat(300))).toBe(true);
    expect(wellFormed(key)).toBe(true);
  });

  it('never splits a surrogate pair when cutting a long value', () => {
    const key = searchTextFor({ names: ['𠀀'.repeat(1000)] });
    expect(wellFormed(key)).toBe(true);
    expect(key.startsWith('𠀀'.repeat(300))).toBe(true);
  });

  it('survives lone surrogates and control characters', () => {
    expect(searchTextFor({ names: ['a\ud800b', 'x\u0000y\u0007z'] })).toBe('a b x y z');
  });
});
