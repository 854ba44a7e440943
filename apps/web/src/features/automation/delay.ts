// A sequence step's wait as a number and a unit (minutes, hours, days) ⇄ the ISO 8601 duration the
// server stores ("P3D", "PT2H", "P1DT12H"). Only what converts exactly is offered as a number: a
// wait in months or years (calendar lengths), in seconds that are not whole minutes, or with
// decimal components stays the text it is. Days are written as days ("P1DT12H", not "PT36H"):
// the server adds days in the workspace's time zone (same wall-clock time across a daylight-saving
// change) but hours as elapsed time, so the two are not interchangeable.

export const delayUnits = ['minutes', 'hours', 'days'] as const;
export type DelayUnit = (typeof delayUnits)[number];

export interface Delay {
  amount: number;
  unit: DelayUnit;
}

const SECONDS: Record<DelayUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };

const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Calendar days and elapsed seconds of a duration; null for what has no number form here. */
function partsOf(iso: string): { days: number; seconds: number } | null {
  const m = ISO.exec(iso.trim().toUpperCase());
  if (!m || iso.trim().toUpperCase() === 'P') return null;
  const [w, d, h, min, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  return { days: w! * 7 + d!, seconds: (h! * 60 + min!) * 60 + s! };
}

const hundredths = (a: number) => Math.abs(a * 100 - Math.round(a * 100)) < 1e-9;

/**
 * The simplest exact number and unit for a stored wait. A wait with days stays in days when that
 * is exact to two decimals (P3D → 3 days, P1DT12H → 1.5 days, P1DT6H → 1.25 days); one without
 * days is in hours from one hour up when exact to two decimals (PT2H → 2, PT90M → 1.5), else in
 * whole minutes (PT45M → 45), else in hours if exact (PT14M24S → 0.24). Null when no unit shows it exactly (P1M, PT30S, P1.5D, P1DT1H — whose
 * 25 hours would not be the same wait across a daylight-saving change): edit it as text.
 */
export function parseDelay(iso: string): Delay | null {
  const p = partsOf(iso);
  if (!p) return null;
  if (p.days > 0) {
    const a = p.days + p.seconds / 86_400;
    return hundredths(a) ? { amount: Math.round(a * 100) / 100, unit: 'days' } : null;
  }
  if (p.seconds === 0) return { amount: 0, unit: 'days' };
  const h = p.seconds / 3600;
  if (h >= 1 && hundredths(h)) return { amount: Math.round(h * 100) / 100, unit: 'hours' };
  if (p.seconds % 60 === 0) return { amount: p.seconds / 60, unit: 'minutes' };
  // Seconds come from a fraction typed in hours or days (0.01 days is 14 min 24 s = 0.24 hours).
  return hundredths(h) ? { amount: Math.round(h * 100) / 100, unit: 'hours' } : null;
}

/**
 * The ISO 8601 duration of a number and unit. Whole days are written as days and a fraction of a
 * day as hours/minutes/seconds after them (1.5 days → P1DT12H); hours and minutes stay elapsed
 * time (36 hours → PT36H). Null for a negative or non-finite amount, or one finer than a second.
 */
export function formatDelay({ amount, unit }: Delay): string | null {
  if (!Number.isFinite(amount) || amount < 0) return null;
  const total = amount * SECONDS[unit];
  const seconds = Math.round(total);
  if (Math.abs(total - seconds) > 1e-6) return null;
  if (seconds === 0) return 'P0D';
  const days = unit === 'days' ? Math.floor(seconds / 86_400) : 0;
  let rest = seconds - days * 86_400;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
