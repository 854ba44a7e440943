// Which character separates the columns of a delimited text file. Excel writes ';' where the decimal
// separator is ',' (most of Europe), tab for "Unicode text", some systems '|'. We count each
// candidate per record outside quotes and pick the one whose count is the most consistent.
export const delimiterCandidates = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof delimiterCandidates)[number];

export interface DelimiterGuess {
  delimiter: Delimiter;
  /** Lines to skip before the header: Excel's "sep=;" hint line. */
  skipLines: number;
}

const MAX_RECORDS = 50;

/** Per record, how many times `d` occurs outside double quotes. */
function countsPerRecord(text: string, d: string, truncated: boolean): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let n = 0;
  let nonEmpty = false;
  for (let i = 0; i < text.length && counts.length < MAX_RECORDS; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (inQuotes && text[i + 1] === '"') i++;
      else inQuotes = !inQuotes;
      nonEmpty = true;
    } else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (nonEmpty) counts.push(n);
      n = 0;
      nonEmpty = false;
    } else {
      if (!inQuotes && ch === d) n++;
      nonEmpty = true;
    }
  }
  // The last record of a truncated sample may be cut short: leave it out.
  if (nonEmpty && !truncated && counts.length < MAX_RECORDS) counts.push(n);
  return counts;
}

function mode(xs: number[]): { value: number; share: number } {
  const freq = new Map<number, number>();
  for (const x of xs) freq.set(x, (freq.get(x) ?? 0) + 1);
  let best = 0;
  let bestN = 0;
  for (const [v, c] of freq) if (c > bestN || (c === bestN && v > best)) [best, bestN] = [v, c];
  return { value: best, share: xs.length ? bestN / xs.length : 0 };
}

export function detectDelimiter(sample: string, truncated = false): DelimiterGuess {
  const hint = /^sep=(.)\r?\n/i.exec(sample);
  if (hint && (delimiterCandidates as readonly string[]).includes(hint[1]!)) {
    return { delimiter: hint[1] as Delimiter, skipLines: 1 };
  }
  let best: { d: Delimiter; score: number; value: number } | null = null;
  for (const d of delimiterCandidates) {
    const counts = countsPerRecord(sample, d, truncated);
    if (!counts.length) continue;
    const { value, share } = mode(counts);
    if (value === 0) continue;
    // The header must contain the delimiter too; then consistency first, more columns second.
    const headerOk = (counts[0] ?? 0) > 0;
    const score = (headerOk ? 1 : 0) * 1000 + share * 100 + Math.min(value, 50) / 50;
    if (!best || score > best.score) best = { d, score, value };
  }
  return { delimiter: best?.d ?? ',', skipLines: 0 };
}
