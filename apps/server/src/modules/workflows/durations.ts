// ISO 8601 durations of the process engine ("P3D", "PT2H", "PT5S", and signed offsets such as
// "-P30D" for "30 days before"). Calendar units (days, months) are applied in the workspace's time
// zone, so "P1D" across a daylight-saving change is still the same wall-clock time tomorrow.
import { DateTime, Duration } from 'luxon';
import { z } from 'zod';

export interface SignedDuration {
  sign: 1 | -1;
  duration: Duration;
}

export function parseDuration(text: string): SignedDuration | null {
  const m = /^([+-])?(P.+)$/.exec(text.trim());
  if (!m) return null;
  const d = Duration.fromISO(m[2]!);
  if (!d.isValid) return null;
  const ms = d.toMillis();
  // At most ten years either way: a longer delay is almost certainly a typo.
  if (!Number.isFinite(ms) || Math.abs(ms) > 10 * 366 * 86_400_000) return null;
  return { sign: m[1] === '-' ? -1 : 1, duration: d };
}

export const durationSchema = (opts: { signed?: boolean } = {}) =>
  z
    .string()
    .max(50)
    .refine(
      (s) => {
        const p = parseDuration(s);
        return p !== null && (opts.signed || p.sign === 1);
      },
      opts.signed
        ? 'Use an ISO 8601 duration such as P3D, PT2H or -P30D'
        : 'Use an ISO 8601 duration such as P3D or PT2H',
    );

/** `at` moved by the duration, calendar-aware in the zone. */
export function addDuration(at: Date, text: string, zone: string): Date {
  const p = parseDuration(text);
  if (!p) throw new Error(`Not a duration: ${text}`);
  const base = DateTime.fromJSDate(at).setZone(zone);
  const start = base.isValid ? base : DateTime.fromJSDate(at).toUTC();
  const moved = p.sign === 1 ? start.plus(p.duration) : start.minus(p.duration);
  return moved.toJSDate();
}

/** A calendar date (YYYY-MM-DD) moved by whole days of a duration (the date.reached offset). */
export function shiftDate(date: string, text: string, direction: 1 | -1 = 1): string {
  const p = parseDuration(text);
  if (!p) throw new Error(`Not a duration: ${text}`);
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  const sign = p.sign * direction;
  return (sign === 1 ? d.plus(p.duration) : d.minus(p.duration)).toISODate()!;
}

/** Today's date in the zone. */
export function todayIn(now: Date, zone: string): string {
  const d = DateTime.fromJSDate(now).setZone(zone);
  return (d.isValid ? d : DateTime.fromJSDate(now).toUTC()).toISODate()!;
}
