// Type coercion of import cells: each table lists what users write and what gets stored.
import { describe, expect, it } from 'vitest';
import { coerceBoolean } from './booleans';
import { coerceCell } from './coerceCell';
import { coerceDate, coerceDateTime, excelSerialToDate } from './dates';
import { coerceEmail } from './emails';
import { coerceMoney } from './money';
import { splitFullName } from './names';
import { coerceNumber } from './numbers';
import { coerceMultiSelect, coerceSelect } from './options';
import { coercePhone } from './phones';
import { coerceDomain, coerceUrl } from './urls';

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }) =>
  r.ok ? r.value : `ERROR: ${r.message}`;

describe('dates', () => {
  it.each([
    ['2026-03-01', {}, '2026-03-01'],
    ['2026/3/1', {}, '2026-03-01'],
    ['2026.03.01', {}, '2026-03-01'],
    ['20260301', {}, '2026-03-01'],
    ['03/01/2026', {}, '2026-03-01'],
    ['1/3/2026', { dayFirst: true }, '2026-03-01'],
    ['1/3/2026', {}, '2026-01-03'],
    ['13/1/2026', {}, '2026-01-13'],
    ['1/13/2026', { dayFirst: true }, '2026-01-13'],
    ['01.03.2026', {}, '2026-03-01'],
    ['3/1/26', {}, '2026-03-01'],
    ['3/1/75', {}, '1975-03-01'],
    ['2026年3月1日', {}, '2026-03-01'],
    ['2026年03月01号', {}, '2026-03-01'],
    ['２０２６年３月１日', {}, '2026-03-01'],
    ['Mar 1, 2026', {}, '2026-03-01'],
    ['March 1st 2026', {}, '2026-03-01'],
    ['1 March 2026', {}, '2026-03-01'],
    ['01-Mar-2026', {}, '2026-03-01'],
    ['46082', {}, '2026-03-01'],
    ['46082.75', {}, '2026-03-01'],
    ['2026-03-01T23:30:00Z', {}, '2026-03-01'],
    ['3/1/2026 14:30', {}, '2026-03-01'],
  ])('%j %j → %s', (text, opts, out) => {
    expect(value(coerceDate(text, opts))).toBe(out);
  });

  it.each([
    ['2026-02-30', /not a calendar date/],
    ['31/31/2026', /not a calendar date/],
    ['2026', /a year alone/],
    ['tomorrow', /not a date/],
    ['2026-13-01', /not a calendar date/],
    ['0', /not a date/],
  ])('refuses %j', (text, message) => {
    const r = coerceDate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('counts Excel serials the way Excel does, 1900 leap-year bug included', () => {
    expect(excelSerialToDate(1)?.date).toEqual({ y: 1900, m: 1, d: 1 });
    expect(excelSerialToDate(59)?.date).toEqual({ y: 1900, m: 2, d: 28 });
    expect(excelSerialToDate(61)?.date).toEqual({ y: 1900, m: 3, d: 1 });
    expect(excelSerialToDate(45658)?.date).toEqual({ y: 2025, m: 1, d: 1 });
    expect(excelSerialToDate(0)).toBeNull();
  });

  it.each([
    ['2026-03-01T14:30:00+08:00', 'UTC', '2026-03-01T14:30:00+08:00'],
    ['2026-03-01T14:30:00+0800', 'UTC', '2026-03-01T14:30:00+08:00'],
    ['2026-03-01 14:30', 'Asia/Shanghai', '2026-03-01T14:30:00+08:00'],
    ['3/1/2026 2:30 PM', 'America/New_York', '2026-03-01T14:30:00-05:00'],
    ['2026年3月1日 下午3:00', 'Asia/Shanghai', '2026-03-01T15:00:00+08:00'],
    ['2026-03-01', 'Asia/Shanghai', '2026-03-01T00:00:00+08:00'],
    ['46082.5', 'UTC', '2026-03-01T12:00:00Z'],
  ])('date-time %j in %s → %s', (text, timeZone, out) => {
    const r = value(coerceDateTime(text, { timeZone }));
    expect(r === out || r === out.replace('Z', '+00:00')).toBe(true);
  });
});

describe('numbers', () => {
  it.each([
    ['1234', {}, '1234'],
    ['1,234.50', {}, '1234.5'],
    ['1.234,50', {}, '1234.5'],
    ['1 234,50', {}, '1234.5'],
    ['1\u00a0234,5', {}, '1234.5'],
    ["1'234.50", {}, '1234.5'],
    ['1,234,567', {}, '1234567'],
    ['1.234.567', {}, '1234567'],
    ['1,234', {}, '1234'],
    ['1,234', { decimalSeparator: ',' as const }, '1.234'],
    ['1.234', {}, '1.234'],
    ['1.234', { decimalSeparator: ',' as const }, '1234'],
    ['0,5', {}, '0.5'],
    ['１２３', {}, '123'],
    ['１，２３４．５', {}, '1234.5'],
    ['-12.5', {}, '-12.5'],
    ['(1,234.50)', {}, '-1234.5'],
    ['1.5万', {}, '15000'],
    ['2亿', {}, '200000000'],
    ['1.2E+5', {}, '120000'],
    ['45%', {}, '45'],
    ['+7', {}, '7'],
    ['0.1', {}, '0.1'],
    ['12345678901234567890.123456789', {}, '12345678901234567890.123456789'],
  ])('%j %j → %s', (text, opts, out) => {
    expect(value(coerceNumber(text, opts))).toBe(out);
  });

  it.each(['abc', '1,2,3', '1.2.3,4,5', '12abc', '1..2', '--1', '', '.', '1,23,456'])('refuses %j', (t) => {
    expect(coerceNumber(t).ok).toBe(false);
  });
});

describe('money', () => {
  it.each([
    ['¥1,234.50', 'CNY', { amount: '1234.5', currency: 'CNY' }],
    ['￥1,234.50', 'USD', { amount: '1234.5', currency: 'CNY' }],
    ['¥500', 'JPY', { amount: '500', currency: 'JPY' }],
    ['$12', 'CNY', { amount: '12', currency: 'USD' }],
    ['$12', 'HKD', { amount: '12', currency: 'HKD' }],
    ['US$ 5', 'HKD', { amount: '5', currency: 'USD' }],
    ['12 €', 'CNY', { amount: '12', currency: 'EUR' }],
    ['1.234,50 €', 'CNY', { amount: '1234.5', currency: 'EUR' }],
    ['CNY 1234', 'USD', { amount: '1234', currency: 'CNY' }],
    ['1234 EUR', 'USD', { amount: '1234', currency: 'EUR' }],
    ['RMB 30', 'USD', { amount: '30', currency: 'CNY' }],
    ['1234元', 'USD', { amount: '1234', currency: 'CNY' }],
    ['1.5万元', 'USD', { amount: '15000', currency: 'CNY' }],
    ['-$5.25', 'USD', { amount: '-5.25', currency: 'USD' }],
    ['2,500', 'CNY', { amount: '2500', currency: 'CNY' }],
  ])('%j (default %s)', (text, defaultCurrency, out) => {
    expect(value(coerceMoney(text, { defaultCurrency }))).toEqual(out);
  });

  it('refuses text that is not an amount', () => {
    expect(coerceMoney('about 5 dollars', { defaultCurrency: 'USD' }).ok).toBe(false);
    expect(coerceMoney('$', { defaultCurrency: 'USD' }).ok).toBe(false);
  });
});

describe('booleans', () => {
  it.each([
    ['yes', true],
    ['TRUE', true],
    ['1', true],
    ['是', true],
    ['✓', true],
    ['No', false],
    ['false', false],
    ['0', false],
    ['否', false],
  ])('%j → %s', (t, b) => {
    expect(value(coerceBoolean(t))).toBe(b);
  });
  it('refuses maybe', () => {
    expect(coerceBoolean('maybe').ok).toBe(false);
  });
});

describe('phones', () => {
  it.each([
    ['138 0013 8000', 'CN', '+8613800138000'],
    ['138-0013-8000', 'CN', '+8613800138000'],
    ['+86 138 0013 8000', 'US', '+8613800138000'],
    ['0086 138 0013 8000', 'US', '+8613800138000'],
    ['8613800138000', 'US', '+8613800138000'],
    ['021-6888 1234', 'CN', '+862168881234'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['+1 415 555 2671 ext. 12', 'CN', '+14155552671 ext. 12'],
    ['１３８００１３８０００', 'CN', '+8613800138000'],
    ['tel:+44 20 7946 0958', 'CN', '+442079460958'],
    ['tel:+8613800138000;ext=12', 'US', '+8613800138000 ext. 12'],
  ])('%j in %s → %s', (text, defaultRegion, out) => {
    expect(value(coercePhone(text, { defaultRegion }))).toBe(out);
  });

  it('explains Excel scientific notation and refuses non-numbers', () => {
    const sci = coercePhone('1.38001E+10', { defaultRegion: 'CN' });
    expect(sci.ok === false && sci.message).toMatch(/scientific notation/);
    expect(coercePhone('call me', { defaultRegion: 'CN' }).ok).toBe(false);
    expect(coercePhone('12', { defaultRegion: 'CN' }).ok).toBe(false);
  });
});

describe('emails and web addresses', () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ['  Ada@Example.COM ', 'Ada@example.com'],
    ['mailto:zw@example.cn', 'zw@example.cn'],
    ['Ada Lovelace <ada@example.com>', 'ada@example.com'],
  ])('%j → %s', (t, out) => {
    expect(value(coerceEmail(t))).toBe(out);
  });
  it.each(['ada', 'ada@', '@example.com', 'ada@example', 'a b@example.com', 'a@b.c'])('refuses %j', (t) => {
    expect(coerceEmail(t).ok).toBe(false);
  });
  it('refuses two addresses in one cell', () => {
    const r = coerceEmail('a@example.com; b@example.com');
    expect(r.ok === false && r.message).toMatch(/more than one/);
  });
  it('completes and checks URLs and domains', () => {
    expect(value(coerceUrl('example.com/about'))).toBe('https://example.com/about');
    expect(value(coerceUrl('http://例子.中国'))).toMatch(/^http:\/\/xn--/);
    expect(coerceUrl('javascript:alert(1)').ok).toBe(false);
    expect(coerceUrl('not a url').ok).toBe(false);
    expect(value(coerceDomain('https://www.Example.com/x'))).toBe('example.com');
    expect(value(coerceDomain('ada@example.org'))).toBe('example.org');
  });
});

describe('select options', () => {
  const options = [
    { value: 'closed_won', label: { en: 'Closed Won', 'zh-CN': '赢单' } },
    { value: 'web', label: { en: 'Website', 'zh-CN': '官网' } },
    { value: 'trade_show', label: 'Trade show' },
  ];
  it.each([
    ['closed_won', 'closed_won'],
    ['Closed Won', 'closed_won'],
    ['CLOSED-WON', 'closed_won'],
    ['赢单', 'closed_won'],
    ['官网', 'web'],
    ['trade show', 'trade_show'],
  ])('%j → %s', (t, v) => {
    expect(value(coerceSelect(t, options))).toBe(v);
  });
  it('names the options when a value is unknown', () => {
    const r = coerceSelect('Referral', options);
    expect(r.ok === false && r.message).toBe(
      '"Referral" is not one of the options (Closed Won, Website, Trade show)',
    );
  });
  it('splits multi-select cells on the usual separators', () => {
    expect(value(coerceMultiSelect('Website; 赢单、trade show', options))).toEqual([
      'web',
      'closed_won',
      'trade_show',
    ]);
    expect(coerceMultiSelect('Website, Fax', options).ok).toBe(false);
  });
});

describe('names', () => {
  it.each([
    ['张伟', { lastName: '张', firstName: '伟' }],
    ['欧阳娜娜', { lastName: '欧阳', firstName: '娜娜' }],
    ['司马相如', { lastName: '司马', firstName: '相如' }],
    ['王', { lastName: '王', firstName: '' }],
    ['约翰·史密斯', { firstName: '约翰', lastName: '史密斯' }],
    ['Ada Lovelace', { firstName: 'Ada', lastName: 'Lovelace' }],
    ['Lovelace, Ada', { firstName: 'Ada', lastName: 'Lovelace' }],
    ['Mary Ann Evans', { firstName: 'Mary Ann', lastName: 'Evans' }],
    ['Madonna', { firstName: '', lastName: 'Madonna' }],
  ])('%j', (t, out) => {
    expect(splitFullName(t)).toEqual(out);
  });
});

describe('coerceCell', () => {
  const opts = { defaultCurrency: 'CNY', defaultRegion: 'CN', timeZone: 'Asia/Shanghai' };
  it('treats an empty cell as no value and trims text', () => {
    expect(coerceCell({ name: 'title', type: 'text' }, '   ', opts)).toEqual({ ok: true, value: null });
    expect(coerceCell({ name: 'title', type: 'text' }, '  CEO ', opts)).toEqual({ ok: true, value: 'CEO' });
    expect(coerceCell({ name: 'body', type: 'longText' }, 'a\n  b\n', opts)).toEqual({
      ok: true,
      value: 'a\n  b',
    });
  });
  it('returns relations as references to resolve', () => {
    expect(
      coerceCell({ name: 'companyId', type: 'relation', relation: { object: 'companies' } }, ' 云帆 ', opts),
    ).toEqual({
      ok: true,
      value: { relationRef: true, object: 'companies', text: '云帆' },
    });
  });
});
