import { describe, expect, it } from 'vitest';
import { isPinyinText } from './pinyinText';

describe('isPinyinText', () => {
  it('accepts names typed in pinyin, compact or by word, with ü as v or u', () => {
    for (const q of ['tangkaichen', 'zhang wei', 'zhangwei', 'xiaoming', 'lvbu', 'lue', 'ouyang', 'er'])
      expect(isPinyinText(q), q).toBe(true);
  });

  it('refuses Latin names, typos that leave the syllables, digits and punctuation', () => {
    for (const q of ['johnson', 'smith', 'zhangwie', 'tangkaichne', 'wang2', 'zhang.wei', '', ' ', 'Zhang'])
      expect(isPinyinText(q), q).toBe(false);
  });
});
