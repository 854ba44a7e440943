// The board's pure logic: which stage column a deal sits in, moving a card between columns (for the
// optimistic update and its rollback), and each column's total in the workspace currency.
import type { Money, RecordBase } from '@rapport/contracts/apiTypes';
import { sumMoney } from '../../components/money';

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
