// Exact decimal sums for money shown in the UI (board totals): amounts are strings, and adding
// them as floats would drift by cents. BigInt on a common scale keeps every digit.
import type { Money } from '@rapport/contracts/apiTypes';

const DEC = /^(-)?(\d+)(?:\.(\d+))?$/;

function parse(amount: string): { int: bigint; scale: number } | null {
  const m = DEC.exec(amount.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  const int = BigInt((m[2] ?? '0') + frac) * (m[1] ? -1n : 1n);
  return { int, scale: frac.length };
}

export function addAmounts(amounts: string[]): string {
  const parsed = amounts.map(parse).filter((p): p is { int: bigint; scale: number } => p !== null);
  const scale = Math.max(0, ...parsed.map((p) => p.scale));
  let total = 0n;
  for (const p of parsed) total += p.int * 10n ** BigInt(scale - p.scale);
  const neg = total < 0n;
  const digits = (neg ? -total : total).toString().padStart(scale + 1, '0');
  const out = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return (neg ? '-' : '') + out;
}

/**
 * Sums the amounts in one currency. Amounts in other currencies are counted separately, never
 * converted here: exchange rates are the server's business.
 */
export function sumMoney(
  values: (Money | null | undefined)[],
  currency: string,
): { total: Money; otherCurrencies: number } {
  const same: string[] = [];
  let other = 0;
  for (const v of values) {
    if (!v?.amount) continue;
    if (v.currency === currency) same.push(v.amount);
    else other++;
  }
  return { total: { amount: addAmounts(same), currency }, otherCurrencies: other };
}

export function isMoney(v: unknown): v is Money {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Money).amount === 'string' &&
    typeof (v as Money).currency === 'string'
  );
}
