// A sequence step's wait: stored ISO 8601 durations shown as the simplest exact number and unit,
// and numbers written back as the duration the server means by them.
import { describe, expect, it } from 'vitest';
import { type Delay, formatDelay, parseDelay } from './delay';

describe('parseDelay', () => {
  it.each([
    ['P0D', { amount: 0, unit: 'days' }],
    ['PT0S', { amount: 0, unit: 'days' }],
    ['P3D', { amount: 3, unit: 'days' }],
    ['P2W', { amount: 14, unit: 'days' }],
    ['P1DT12H', { amount: 1.5, unit: 'days' }],
    ['P1DT6H', { amount: 1.25, unit: 'days' }],
    ['P2DT18H', { amount: 2.75, unit: 'days' }],
    ['p1dt12h', { amount: 1.5, unit: 'days' }],
    ['PT2H', { amount: 2, unit: 'hours' }],
    ['PT36H', { amount: 36, unit: 'hours' }],
    ['PT90M', { amount: 1.5, unit: 'hours' }],
    ['PT1H15M', { amount: 1.25, unit: 'hours' }],
    ['PT45M', { amount: 45, unit: 'minutes' }],
    ['PT100M', { amount: 100, unit: 'minutes' }],
    ['PT120S', { amount: 2, unit: 'minutes' }],
    ['P1DT14M24S', { amount: 1.01, unit: 'days' }],
    ['PT1H36S', { amount: 1.01, unit: 'hours' }],
    ['PT14M24S', { amount: 0.24, unit: 'hours' }],
    [' P1D ', { amount: 1, unit: 'days' }],
  ] as [string, Delay][])('%s → %o', (iso, delay) => {
    expect(parseDelay(iso)).toEqual(delay);
  });

  it.each([
    'P1M',
    'P1Y',
    'PT30S',
    'PT90S',
    'PT1S',
    'P1.5D',
    'P1DT1H',
    'P1DT0H1M',
    '-P1D',
    'P',
    'PT',
    '3 days',
    '',
  ])('%s has no exact number form', (iso) => {
    expect(parseDelay(iso)).toBeNull();
  });
});

describe('formatDelay', () => {
  it.each([
    [{ amount: 0, unit: 'days' }, 'P0D'],
    [{ amount: 0, unit: 'minutes' }, 'P0D'],
    [{ amount: 3, unit: 'days' }, 'P3D'],
    [{ amount: 1.5, unit: 'days' }, 'P1DT12H'],
    [{ amount: 0.5, unit: 'days' }, 'PT12H'],
    [{ amount: 1.33, unit: 'days' }, 'P1DT7H55M12S'],
    [{ amount: 36, unit: 'hours' }, 'PT36H'],
    [{ amount: 1.5, unit: 'hours' }, 'PT1H30M'],
    [{ amount: 0.01, unit: 'hours' }, 'PT36S'],
    [{ amount: 45, unit: 'minutes' }, 'PT45M'],
    [{ amount: 1500, unit: 'minutes' }, 'PT25H'],
  ] as [Delay, string][])('%o → %s', (delay, iso) => {
    expect(formatDelay(delay)).toBe(iso);
  });

  it('refuses what is no wait', () => {
    expect(formatDelay({ amount: -1, unit: 'days' })).toBeNull();
    expect(formatDelay({ amount: Number.NaN, unit: 'hours' })).toBeNull();
    expect(formatDelay({ amount: 0.001, unit: 'minutes' })).toBeNull();
  });

  it('gives back what it parsed, for every exact form', () => {
    for (const iso of ['P0D', 'P3D', 'P1DT12H', 'P1DT6H', 'PT2H', 'PT36H', 'PT1H30M', 'PT45M'])
      expect(formatDelay(parseDelay(iso)!)).toBe(iso);
    // Every two-decimal number of days (the input's precision) comes back as the same wait: in
    // days from one day up, below that in the hours or minutes it is written with.
    const size = { minutes: 60, hours: 3600, days: 86_400 };
    for (let c = 1; c <= 300; c++) {
      const iso = formatDelay({ amount: c / 100, unit: 'days' })!;
      const back = parseDelay(iso);
      if (c >= 100) expect(back, iso).toEqual({ amount: c / 100, unit: 'days' });
      else expect(back!.amount * size[back!.unit], iso).toBeCloseTo((c / 100) * 86_400, 6);
    }
  });
});
