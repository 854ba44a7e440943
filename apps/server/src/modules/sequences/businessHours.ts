// Business-hours sending: an email step due outside the sequence's hours (by default Monday to
// Friday, 09:00–18:00 in the workspace's time zone) waits for the next opening.
import { DateTime } from 'luxon';
import type { BusinessHours } from './schema';

export const defaultBusinessHours: BusinessHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** `at` itself when it falls within the hours, else the next opening. */
export function nextBusinessMoment(at: Date, bh: BusinessHours, workspaceZone: string): Date {
  const zone = bh.timeZone ?? workspaceZone;
  let t = DateTime.fromJSDate(at).setZone(zone);
  if (!t.isValid) t = DateTime.fromJSDate(at).toUTC();
  const open = minutes(bh.start);
  const close = minutes(bh.end);
  for (let i = 0; i < 8; i++) {
    const m = t.hour * 60 + t.minute;
    if (bh.days.includes(t.weekday)) {
      if (m >= open && m < close) return t.toJSDate();
      if (m < open) return t.startOf('day').plus({ minutes: open }).toJSDate();
    }
    t = t.startOf('day').plus({ days: 1 });
  }
  return at; // no open day configured: send when due
}
