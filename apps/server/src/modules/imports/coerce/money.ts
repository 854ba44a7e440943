// Money cells: an amount with an optional currency written around it (¥1,234.50, $12, 12 €,
// CNY 1234, 1234元, US$ 5, RMB 30). Without one, the field's default (the workspace's) applies.
import { type Coerced, fail, halfWidth, ok } from './result';
import { coerceNumber, type NumberOptions } from './numbers';

export interface Money {
  amount: string;
  currency: string;
}

export interface MoneyOptions extends NumberOptions {
  /** ISO-4217 code used when the cell names none (the workspace currency). */
  defaultCurrency: string;
}

const dollarCurrencies = new Set(['USD', 'HKD', 'SGD', 'AUD', 'CAD', 'NZD', 'TWD']);

// Longest first, so "US$" wins over "$" and "HK$" over "$".
const symbols: [string, (def: string) => string][] = [
  ['人民币', () => 'CNY'],
  ['US$', () => 'USD'],
  ['HK$', () => 'HKD'],
  ['NT$', () => 'TWD'],
  ['S$', () => 'SGD'],
  ['A$', () => 'AUD'],
  ['C$', () => 'CAD'],
  ['RMB', () => 'CNY'],
  ['元', () => 'CNY'],
  ['¥', (def) => (def === 'JPY' ? 'JPY' : 'CNY')],
  ['$', (def) => (dollarCurrencies.has(def) ? def : 'USD')],
  ['€', () => 'EUR'],
  ['£', () => 'GBP'],
  ['₩', () => 'KRW'],
  ['₹', () => 'INR'],
  ['円', () => 'JPY'],
];

export function coerceMoney(text: string, opts: MoneyOptions): Coerced<Money> {
  // NFKC turns the full-width ￥ into ¥ and full-width digits into ASCII ones.
  let s = halfWidth(text).trim();
  let currency: string | null = null;
  const code = /^([A-Za-z]{3})\s*(.+)$/.exec(s) ?? /^(.+?)\s*([A-Za-z]{3})$/.exec(s);
  if (code) {
    const [c, rest] = /^[A-Za-z]{3}$/.test(code[1]!) ? [code[1]!, code[2]!] : [code[2]!, code[1]!];
    if (c.toUpperCase() === 'RMB') currency = 'CNY';
    else if (/^[A-Za-z]{3}$/.test(c)) currency = c.toUpperCase();
    s = rest.trim();
  }
  if (!currency) {
    for (const [sym, pick] of symbols) {
      const i = s.indexOf(sym);
      if (i === -1) continue;
      const before = s.slice(0, i).trim();
      const after = s.slice(i + sym.length).trim();
      // The symbol sits before or after the amount; a sign may sit before the symbol (-$5).
      if (before === '' || before === '-' || after === '') {
        currency = pick(opts.defaultCurrency);
        s = `${before}${after}`;
        break;
      }
    }
  }
  const n = coerceNumber(s, opts);
  if (!n.ok) return fail(`"${text}" is not an amount of money`);
  return ok({ amount: n.value, currency: currency ?? opts.defaultCurrency });
}
