// Numbers as people and spreadsheets write them: 1,234.50 (English), 1.234,50 (German), 1 234,50
// (French), 1'234.50 (Swiss), １２３ (full-width), (1,234) for a negative amount, 1.5万 for 15,000,
// 1.2E+5 from Excel. The result is a canonical decimal string: NUMERIC never passes through a float.
import DecimalJs from 'decimal.js';
import { type Coerced, fail, halfWidth, ok } from './result';

export interface NumberOptions {
  /** The decimal separator where a lone separator is ambiguous ("1,234" or "1.234"). Default '.'. */
  decimalSeparator?: '.' | ',';
}

// decimal.js rounds to 20 significant digits by default; NUMERIC keeps far more.
const Decimal = DecimalJs.clone({ precision: 100 });

const chineseUnits: Record<string, string> = { 万: '1e4', 亿: '1e8', 千: '1e3', 百万: '1e6' };

/** Removes grouping, makes '.' the decimal point; null when the separators make no sense. */
function canonical(s: string, decimalSep: '.' | ','): string | null {
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  if (dots && commas) {
    // Both present: the one that comes last is the decimal separator and occurs once.
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    if ((decimal === '.' ? dots : commas) !== 1) return null;
    const [int, frac] = s.split(decimal) as [string, string];
    if (!/^\d{1,3}(\d{3})*$/.test(int.replaceAll(group, '')) || !groupedOk(int, group)) return null;
    return `${int.replaceAll(group, '')}.${frac}`;
  }
  const sep = dots ? '.' : commas ? ',' : null;
  if (!sep) return s;
  const count = dots || commas;
  if (count > 1) return groupedOk(s, sep) ? s.replaceAll(sep, '') : null; // 1,234,567 or 1.234.567
  const [int, frac] = s.split(sep) as [string, string];
  // One separator followed by exactly three digits is grouping unless the import says it's decimal.
  const looksGrouped = /^\d{1,3}$/.test(int) && /^\d{3}$/.test(frac) && int !== '0';
  if (looksGrouped && sep !== decimalSep) return `${int}${frac}`;
  return `${int}.${frac}`;
}

function groupedOk(int: string, sep: string): boolean {
  const parts = int.split(sep);
  return /^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

export function coerceNumber(text: string, opts: NumberOptions = {}): Coerced<string> {
  let s = halfWidth(text).trim();
  let negative = false;
  // Accounting negatives: (1,234.50)
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(/^([+-])\s+/, '$1');
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  // "45%" is stored as 45: percentages (probability, discount) are kept as entered.
  if (s.endsWith('%')) s = s.slice(0, -1).trim();
  let multiplier = '1';
  for (const [unit, factor] of Object.entries(chineseUnits)) {
    if (s.endsWith(unit)) {
      multiplier = factor;
      s = s.slice(0, -unit.length).trim();
      break;
    }
  }
  // Grouping by spaces (incl. no-break and thin spaces) and apostrophes.
  s = s.replace(/[\s\u00a0\u202f']/g, '');
  if (!s) return fail(`"${text}" is not a number`);
  let body: string | null;
  if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(s)) body = s;
  else if (/^[\d.,]+$/.test(s) && /\d/.test(s)) body = canonical(s, opts.decimalSeparator ?? '.');
  else body = null;
  if (body === null || body.endsWith('.')) return fail(`"${text}" is not a number`);
  let d: DecimalJs;
  try {
    d = new Decimal(body).times(multiplier);
  } catch {
    return fail(`"${text}" is not a number`);
  }
  if (negative) d = d.negated();
  if (!d.isFinite()) return fail(`"${text}" is not a number`);
  return ok(d.toFixed());
}
