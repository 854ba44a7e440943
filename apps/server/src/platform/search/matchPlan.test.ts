import { describe, expect, it } from 'vitest';
import { hasTrigram } from './likeTrigrams';
import { isSearchable, matchPlan } from './matchPlan';
import { normalizeQuery, searchTextFor } from './searchText';

const plan = (q: string) => matchPlan(normalizeQuery(q));

describe('matchPlan', () => {
  it('matches three or more characters anywhere, with typos from four', () => {
    expect(plan('zhangwie')).toEqual({
      q: 'zhangwie',
      forms: ['zhangwie'],
      any: ['%zhangwie%'],
      everyWord: [],
      also: [],
      fuzzy: { threshold: 0.6 },
    });
    expect(plan('acme').fuzzy).toEqual({ threshold: 0.6 });
    expect(plan('acm').fuzzy).toBeNull();
  });

  it('matches one or two characters only at the start of a word, without typos', () => {
    expect(plan('zw')).toEqual({
      q: 'zw',
      forms: ['zw'],
      any: ['zw%', '% zw%'],
      everyWord: [],
      also: [],
      fuzzy: null,
    });
    expect(plan('张').any).toEqual(['张%', '% 张%']);
  });

  it('finds two Chinese characters anywhere through their pinyin, then requires the characters', () => {
    const p = plan('字节');
    expect(p.any).toEqual(['字节%', '% 字节%', '%zijie%']);
    expect(p.also).toEqual(['%字节%']);
    expect(p.fuzzy).toBeNull();
  });

  it('uses the readings stored keys hold: as a word, as a surname, character by character', () => {
    expect(plan('银行').any).toEqual(['银行%', '% 银行%', '%yinhang%', '%yinxing%']);
    expect(plan('单伟').any).toEqual(['单伟%', '% 单伟%', '%danwei%', '%shanwei%']);
    expect(plan('曾欣').any).toContain('%zengxin%');
    // 红 also reads gong, but no key spells 袁红 "yuangong": that probe only found look-alikes.
    expect(plan('袁红').any).toEqual(['袁红%', '% 袁红%', '%yuanhong%']);
  });

  it('finds through the plan every stored key of a two-character name, in or out of a longer text', () => {
    for (const [query, stored] of [
      ['银行', '中国工商银行'],
      ['曾欣', '曾欣'],
      ['单伟', '单伟'],
      ['袁红', '袁红梅'],
      ['长春', '长春市'],
      ['重庆', '重庆火锅'],
      ['字节', '北京字节跳动'],
      ['行长', '银行行长'],
    ] as const) {
      const keys = [
        ...searchTextFor({ names: [stored] }).split(' '),
        ...searchTextFor({ other: [stored] }).split(' '),
      ];
      const p = plan(query);
      // The pinyin probes alone: they are what finds the characters inside a longer word.
      const hit = p.any
        .filter((pattern) => /^%[a-z]+%$/.test(pattern))
        .some((pattern) => keys.some((k) => k.includes(pattern.slice(1, -1))));
      expect(hit, `${query} in ${stored}: ${keys.join(' ')}`).toBe(true);
    }
  });

  it('matches multi-word queries without spaces or word by word (which covers the phrase)', () => {
    const p = plan('Zhang Wei');
    expect(p.any).toEqual(['%zhangwei%']);
    expect(p.forms).toEqual(['zhang wei', 'zhangwei']);
    expect(p.everyWord).toEqual([['%zhang%'], ['%wei%']]);
    expect(plan('li acme').everyWord).toEqual([['li%', '% li%'], ['%acme%']]);
  });

  it('never does typo matching on email addresses', () => {
    expect(plan('li.na@example.cn').fuzzy).toBeNull();
    expect(plan('li.na@').fuzzy).toBeNull();
  });

  it('never does typo matching on phone numbers', () => {
    expect(plan('+86 138 0013 8000')).toMatchObject({
      q: '13800138000',
      any: ['%13800138000%'],
      fuzzy: null,
    });
  });

  it('escapes LIKE wildcards typed by the user', () => {
    expect(plan('50%_off').any).toEqual(['%50\\%\\_off%']);
    expect(plan('100%').any).toEqual(['%100\\%%']);
  });

  it('cannot search for punctuation alone (no trigram: only a full scan would find it)', () => {
    for (const q of ['%', '_', '%%%', '___', '\\', '-- ', '...', '@', '"\'']) {
      const p = plan(q);
      expect(isSearchable(p), q).toBe(false);
      expect(p).toMatchObject({ any: [], everyWord: [], fuzzy: null });
    }
    expect(isSearchable(plan('a'))).toBe(true);
  });

  it('leaves words without a trigram out of word-by-word matching', () => {
    expect(plan('acme - corp').everyWord).toEqual([['%acme%'], ['%corp%']]);
  });

  it('gives only index-usable patterns for every kind of query', () => {
    for (const q of [
      'a',
      'ab',
      'abc',
      '张',
      '张伟',
      '字节',
      '北京字节',
      'li na',
      'a b c',
      'x@y.cn',
      '13800138000',
    ]) {
      const p = plan(q);
      for (const pat of [...p.any, ...p.everyWord.flat()]) expect(hasTrigram(pat), `${q}: ${pat}`).toBe(true);
    }
  });

  it('matches nothing for an empty query', () => {
    expect(plan('🚀')).toEqual({ q: '', forms: [], any: [], everyWord: [], also: [], fuzzy: null });
    expect(isSearchable(plan('🚀'))).toBe(false);
  });
});
