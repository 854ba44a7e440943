// Rows in PostgreSQL's COPY text format (tab-separated, \N for NULL, backslash escapes), the one
// encoding both loaders share: pg-copy-streams on PostgreSQL and '/dev/blob' COPY on PGlite.
export type Cell = string | number | boolean | null | undefined | Date | readonly string[] | object;

const escapeText = (s: string): string =>
  s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

/** A text[] literal: every element double-quoted, so commas, braces and spaces need no thought. */
const arrayLiteral = (list: readonly string[]): string =>
  `{${list.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

export function copyCell(v: Cell): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return escapeText(arrayLiteral(v as string[]));
  return escapeText(JSON.stringify(v));
}

export const copyLine = (row: readonly Cell[]): string => `${row.map(copyCell).join('\t')}\n`;

/** Marks a value as JSON for a jsonb column even when it is an array (arrays are text[] otherwise). */
export class Json {
  constructor(readonly value: unknown) {}
  toJSON() {
    return this.value;
  }
}
