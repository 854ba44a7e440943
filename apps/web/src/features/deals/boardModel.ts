// The board's pure logic: which stage column a deal sits in, moving a card between columns (for the
// optimistic update and its rollback), each column's total over its loaded cards, and a move
// applied to the server's stage summary before the refetch confirms it.
import type { Money, RecordBase } from '@rapport/contracts/apiTypes';
import { addAmounts, sumMoney } from '../../components/money';

export type Columns = Record<string, RecordBase[]>;

export function moveCard(
  columns: Columns,
  dealId: string,
  toStage: string,
): { columns: Columns; from: string | null } {
  let from: string | null = null;
  let card: RecordBase | undefined;
  const next: Columns = {};
  for (const [stage, cards] of Object.entries(columns)) {
    const idx = cards.findIndex((c) => c.id === dealId);
    if (idx >= 0) {
      from = stage;
      card = cards[idx];
      next[stage] = cards.filter((c) => c.id !== dealId);
    } else next[stage] = cards;
  }
  if (!card || from === toStage) return { columns, from };
  next[toStage] = [{ ...card, stageId: toStage }, ...(next[toStage] ?? [])];
  return { columns: next, from };
}

export interface ColumnTotal {
  count: number;
  total: Money;
  /** Deals in another currency are counted, not converted: the server owns exchange rates. */
  otherCurrencies: number;
}

export function columnTotal(cards: RecordBase[], currency: string): ColumnTotal {
  const { total, otherCurrencies } = sumMoney(
    cards.map((c) => c.amount as Money | null),
    currency,
  );
  return { count: cards.length, total, otherCurrencies };
}

/** a × b, rounded half up to `decimals` places, exactly (BigInt on a common scale). */
export function multiplyAmounts(a: string, b: string, decimals = 2): string {
  const DEC = /^(-)?(\d+)(?:\.(\d+))?$/;
  const pa = DEC.exec(a.trim());
  const pb = DEC.exec(b.trim());
  if (!pa || !pb) return '0';
  const scale = (pa[3] ?? '').length + (pb[3] ?? '').length;
  const neg = Boolean(pa[1]) !== Boolean(pb[1]);
  let n = BigInt((pa[2] ?? '0') + (pa[3] ?? '')) * BigInt((pb[2] ?? '0') + (pb[3] ?? ''));
  if (scale > decimals) {
    const d = 10n ** BigInt(scale - decimals);
    n = (n + d / 2n) / d;
  } else n *= 10n ** BigInt(decimals - scale);
  const digits = n.toString().padStart(decimals + 1, '0');
  const out = decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits;
  return (neg && n !== 0n ? '-' : '') + out;
}

const negate = (amount: string) => (amount.startsWith('-') ? amount.slice(1) : `-${amount}`);

/**
 * The summary with one deal moved from one stage to another, as the server will count it after
 * the save: its count, and its amount converted at the summary's own rates (a currency without a
 * rate moves its count only, as the server leaves it unconverted too).
 */
export function moveInSummary<
  S extends {
    stageId: string;
    count: number;
    amount: Money;
    byCurrency: { currency: string; count: number; amount: string }[];
  },
  T extends { stages: S[]; rates: Record<string, string>; amountsVisible: boolean },
>(summary: T, from: string, to: string, amount: Money | null | undefined): T {
  if (from === to) return summary;
  const rate = amount?.amount && summary.amountsVisible ? summary.rates[amount.currency] : undefined;
  const converted = amount?.amount && rate ? multiplyAmounts(amount.amount, rate) : null;
  const shift = (s: S, sign: 1 | -1): S => {
    const byCurrency =
      amount?.amount && summary.amountsVisible
        ? upsertCurrency(s.byCurrency, amount.currency, sign, amount.amount)
        : s.byCurrency;
    const value = converted ? addAmounts([s.amount.amount, sign > 0 ? converted : negate(converted)]) : null;
    return {
      ...s,
      count: Math.max(0, s.count + sign),
      amount: value ? { ...s.amount, amount: normalise(value) } : s.amount,
      byCurrency,
    };
  };
  return {
    ...summary,
    stages: summary.stages.map((s) =>
      s.stageId === from ? shift(s, -1) : s.stageId === to ? shift(s, 1) : s,
    ),
  };
}

function upsertCurrency(
  rows: { currency: string; count: number; amount: string }[],
  currency: string,
  sign: 1 | -1,
  amount: string,
) {
  const delta = sign > 0 ? amount : negate(amount);
  const found = rows.some((r) => r.currency === currency);
  const next = found
    ? rows.map((r) =>
        r.currency === currency
          ? { ...r, count: r.count + sign, amount: normalise(addAmounts([r.amount, delta])) }
          : r,
      )
    : [...rows, { currency, count: 1, amount: normalise(addAmounts(['0.00', delta])) }];
  return next.filter((r) => r.count > 0);
}

/** Two decimals, as the server writes amounts. */
function normalise(amount: string): string {
  return multiplyAmounts(amount, '1');
}
