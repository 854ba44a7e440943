// CSV out, streamed: rows in, bytes out. UTF-8 with a BOM by default so that Excel opens Chinese
// text correctly; GB18030 for older Chinese Excel installations that ignore the BOM.
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { neutraliseFormula } from './formulaGuard';

/** A cell to write: text is guarded against formulas; a Date is a real date in XLSX, ISO 8601 in CSV. */
export type OutCell = string | number | boolean | Date | null | undefined;

export type CsvOutEncoding = 'utf-8' | 'gb18030';

function quote(cell: OutCell, delimiter: string): string {
  if (cell === null || cell === undefined) return '';
  const text =
    typeof cell === 'string'
      ? neutraliseFormula(cell)
      : cell instanceof Date
        ? cell.toISOString()
        : String(cell);
  if (
    text.includes(delimiter) ||
    text.includes('"') ||
    text.includes('\n') ||
    text.includes('\r') ||
    text !== text.trim()
  ) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

export function csvLine(cells: readonly OutCell[], delimiter = ','): string {
  return `${cells.map((c) => quote(c, delimiter)).join(delimiter)}\r\n`;
}

/** A byte stream of CSV lines from rows produced lazily (a database cursor, keyset pages). */
export function csvStream(
  rows: AsyncIterable<readonly OutCell[]>,
  opts: { encoding?: CsvOutEncoding; delimiter?: string } = {},
): Readable {
  const encoding = opts.encoding ?? 'utf-8';
  const delimiter = opts.delimiter ?? ',';
  async function* bytes() {
    if (encoding === 'utf-8') yield Buffer.from([0xef, 0xbb, 0xbf]);
    let chunk = '';
    for await (const row of rows) {
      chunk += csvLine(row, delimiter);
      // Batch lines into ~64 KB writes: one syscall per row would dominate a large export.
      if (chunk.length >= 65536) {
        yield encoding === 'utf-8' ? Buffer.from(chunk, 'utf8') : iconv.encode(chunk, 'gb18030');
        chunk = '';
      }
    }
    if (chunk) yield encoding === 'utf-8' ? Buffer.from(chunk, 'utf8') : iconv.encode(chunk, 'gb18030');
  }
  return Readable.from(bytes(), { objectMode: false });
}
