// All-day dates and date-times in the forms spreadsheets and CRMs export them: ISO, US month-first,
// European day-first (when the import says so, or when the numbers leave no doubt), Chinese
// 2026年3月1日, month names, and Excel serial numbers.
import { DateTime } from 'luxon';
import { type Coerced, fail, halfWidth, ok } from './result';

export interface DateOptions {
  /** Read 1/3/2026 as 1 March (most of the world) instead of January 3 (the US). */
  dayFirst?: boolean;
  /** IANA zone for date-times that carry no offset (the workspace's). */
  timeZone?: string;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

const months: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = ({ y, m, d }: Ymd) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function valid({ y, m, d }: Ymd): boolean {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (what Excel does).
const fullYear = (y: string) => (y.length <= 2 ? (Number(y) < 70 ? 2000 : 1900) + Number(y) : Number(y));

/** Excel's day count from 1899-12-30 (its 1900 leap-year bug makes serials before 61 off by one). */
export function excelSerialToDate(serial: number): { date: Ymd; seconds: number } | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const days = Math.floor(serial);
  const base = Date.UTC(1899, 11, days < 61 ? 31 : 30);
  const d = new Date(base + days * 86400000);
  const seconds = Math.round((serial - days) * 86400);
  return { date: { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }, seconds };
}

interface Parsed {
  date: Ymd;
  /** Seconds after midnight, when the text carried a time. */
  seconds?: number;
  /** A zone offset or 'Z' written in the text. */
  offset?: string;
}

const timeRe = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(am|pm|上午|下午)?$/i;

function parseTime(t: string): number | null {
  const m = timeRe.exec(t.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3] ?? 0);
  const half = m[4]?.toLowerCase();
  if (half) {
    if (h < 1 || h > 12) return null;
    if ((half === 'pm' || half === '下午') && h < 12) h += 12;
    if ((half === 'am' || half === '上午') && h === 12) h = 0;
  }
  if (h > 23 || min > 59 || s > 59) return null;
  return h * 3600 + min * 60 + s;
}

function parseDatePart(s: string, dayFirst: boolean): Ymd | null | 'ambiguous-year' {
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  m = /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})[日号]?$/.exec(s);
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  m = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = fullYear(m[4]!);
    // The numbers decide when they can: 13/1 is day-first, 1/13 month-first. Dots are European.
    const df = a > 12 ? true : b > 12 ? false : m[2] === '.' ? true : dayFirst;
    return df ? { y, m: b, d: a } : { y, m: a, d: b };
  }
  // 1 March 2026, 1-Mar-2026, 01 Mar 26
  m = /^(\d{1,2})[\s-]+([a-z]+)\.?,?[\s-]+(\d{2}|\d{4})$/i.exec(s);
  if (m && months[m[2]!.toLowerCase()])
    return { y: fullYear(m[3]!), m: months[m[2]!.toLowerCase()]!, d: Number(m[1]) };
  // March 1, 2026 / Mar 1 2026
  m = /^([a-z]+)\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s-]+(\d{2}|\d{4})$/i.exec(s);
  if (m && months[m[1]!.toLowerCase()])
    return { y: fullYear(m[3]!), m: months[m[1]!.toLowerCase()]!, d: Number(m[2]) };
  if (/^\d{4}$/.test(s)) return 'ambiguous-year';
  return null;
}

function parse(text: string, opts: DateOptions): Parsed | string {
  const s = halfWidth(text).trim().replace(/\s+/g, ' ');
  // ISO 8601 date-time, with or without an offset.
  let m = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const date = parseDatePart(m[1]!, false);
    const seconds = parseTime(m[2]!);
    if (!date || date === 'ambiguous-year' || seconds === null) return 'not a date';
    return { date, seconds, offset: m[3]?.toUpperCase() };
  }
  // Excel serial: days since 1899-12-30, the fraction is the time of day.
  if (/^\d+(\.\d+)?$/.test(s) && !/^\d{4}$/.test(s) && !/^\d{8}$/.test(s)) {
    const r = excelSerialToDate(Number(s));
    if (!r) return 'not a date';
    return { date: r.date, seconds: s.includes('.') ? r.seconds : undefined };
  }
  // A date, optionally followed by a time ("3/1/2026 14:30", "2026年3月1日 下午3:00").
  m =
    /^(.*?\S)(?:,?\s+(\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?)|\s*((?:上午|下午)?\s*\d{1,2}:\d{2}(?::\d{2})?))$/i.exec(
      s,
    );
  if (m) {
    const date = parseDatePart(m[1]!, opts.dayFirst ?? false);
    const rawTime = (m[2] ?? m[3] ?? '').replace(/^(上午|下午)\s*(.*)$/, '$2 $1');
    const seconds = parseTime(rawTime);
    if (date && date !== 'ambiguous-year' && seconds !== null) return { date, seconds };
  }
  const date = parseDatePart(s, opts.dayFirst ?? false);
  if (date === 'ambiguous-year') return 'a year alone is not a date';
  if (!date) return 'not a date';
  return { date };
}

const expected = 'use a date such as 2026-03-01';

/** An all-day date as YYYY-MM-DD. A date-time gives its calendar date as written. */
export function coerceDate(text: string, opts: DateOptions = {}): Coerced<string> {
  const p = parse(text, opts);
  if (typeof p === 'string') return fail(`"${text}" is ${p}; ${expected}`);
  if (!valid(p.date)) return fail(`"${text}" is not a calendar date; ${expected}`);
  return ok(iso(p.date));
}

/** A date-time as ISO 8601 with an offset; a time without an offset is in opts.timeZone (UTC). */
export function coerceDateTime(text: string, opts: DateOptions = {}): Coerced<string> {
  const p = parse(text, opts);
  if (typeof p === 'string')
    return fail(`"${text}" is ${p}; use a date-time such as 2026-03-01T14:30:00+08:00`);
  if (!valid(p.date)) return fail(`"${text}" is not a calendar date; ${expected}`);
  const secs = p.seconds ?? 0;
  const parts = {
    year: p.date.y,
    month: p.date.m,
    day: p.date.d,
    hour: Math.floor(secs / 3600),
    minute: Math.floor((secs % 3600) / 60),
    second: secs % 60,
  };
  let zone = opts.timeZone ?? 'UTC';
  if (p.offset) {
    // "+0800" and "+08:00" alike; Luxon's fixed-offset zones are spelt UTC+8:00.
    const o = /^([+-])(\d{2}):?(\d{2})$/.exec(p.offset);
    zone = o ? `UTC${o[1]}${Number(o[2])}:${o[3]}` : 'UTC';
  }
  const dt = DateTime.fromObject(parts, { zone });
  if (!dt.isValid) return fail(`"${text}" is not a valid date-time`);
  return ok(dt.toISO({ suppressMilliseconds: true })!);
}
