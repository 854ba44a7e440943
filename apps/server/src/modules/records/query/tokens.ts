// Relative values in filters ("@me", "@startOfMonth", "@daysAgo:30"), so saved views and workflow
// conditions stay true over time. Resolved at query time in the workspace's time zone.
import { DateTime } from 'luxon';
import { clock } from '../../../platform/clock';

export interface TokenContext {
  userId: string | null;
  timeZone: string;
}

export type Resolved =
  | { kind: 'user'; id: string | null }
  | { kind: 'instant'; at: DateTime; dateOnly: boolean };

const DAYS_RE = /^@(daysAgo|daysFromNow):(\d{1,5})$/;

export function isToken(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('@');
}

/** Resolves a token, or returns null when the string is not one we know. */
export function resolveToken(token: string, tc: TokenContext): Resolved | null {
  const now = DateTime.fromJSDate(clock.now()).setZone(tc.timeZone);
  const zoned = now.isValid ? now : DateTime.fromJSDate(clock.now()).toUTC();
  const day = (d: DateTime): Resolved => ({ kind: 'instant', at: d, dateOnly: true });
  switch (token) {
    case '@me':
      return { kind: 'user', id: tc.userId };
    case '@now':
      return { kind: 'instant', at: zoned, dateOnly: false };
    case '@today':
    case '@startOfToday':
      return day(zoned.startOf('day'));
    case '@endOfToday':
      return { kind: 'instant', at: zoned.endOf('day'), dateOnly: false };
    case '@startOfWeek':
      return day(zoned.startOf('week'));
    case '@endOfWeek':
      return { kind: 'instant', at: zoned.endOf('week'), dateOnly: false };
    case '@startOfMonth':
      return day(zoned.startOf('month'));
    case '@endOfMonth':
      return { kind: 'instant', at: zoned.endOf('month'), dateOnly: false };
  }
  const m = DAYS_RE.exec(token);
  if (m) {
    const n = Number(m[2]);
    return {
      kind: 'instant',
      at: m[1] === 'daysAgo' ? zoned.minus({ days: n }) : zoned.plus({ days: n }),
      dateOnly: false,
    };
  }
  return null;
}
